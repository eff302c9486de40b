/**
 * The composition root for embedders: {@link dev.tabletalk.launcher.TableTalk#builder()} wires the
 * schema catalog, the guarded executor, the audit log and a planner into the conversation engine,
 * and {@link dev.tabletalk.launcher.DemoDatabase} creates the embedded demo shop. No HTTP server,
 * no CLI: those live in their adapters and are wired by the app.
 */
package dev.tabletalk.launcher;
