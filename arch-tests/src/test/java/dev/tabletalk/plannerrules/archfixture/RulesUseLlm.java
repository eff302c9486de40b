package dev.tabletalk.plannerrules.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import picocli.CommandLine;

/** Breaks R3 three times: langchain4j, Jackson and picocli outside their modules. */
public class RulesUseLlm {
    public ChatModel model;
    public ObjectMapper json;
    public CommandLine cli;
}
