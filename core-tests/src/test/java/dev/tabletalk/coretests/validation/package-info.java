/** Tests of the plan validator against the reference shop: links to other entities (#13). */
package dev.tabletalk.coretests.validation;
