/**
 * The langchain4j planner: turns a person's message into a {@link dev.tabletalk.core.port.out.PlannerOutput}
 * with a remote or local chat model (OpenAI, any OpenAI-compatible endpoint such as Ollama, or Anthropic).
 *
 * <p>The public surface is {@link dev.tabletalk.plannerllm.LangChain4jPlanner} (builder),
 * {@link dev.tabletalk.plannerllm.PlannerConfig} and {@link dev.tabletalk.plannerllm.ModelSpec}; everything
 * else is package-private. The planner sees the schema view and the message only, never row data
 * (invariant 8), and whatever the model answers is parsed strictly, checked against the schema view and
 * then validated again by the engine before anything runs.
 */
package dev.tabletalk.plannerllm;
