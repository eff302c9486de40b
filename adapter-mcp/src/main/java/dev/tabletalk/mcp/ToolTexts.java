package dev.tabletalk.mcp;

/** What the tools and the server tell a model about themselves: written for models, read by people too. */
final class ToolTexts {

    static final String INSTRUCTIONS = "TableTalk answers questions about a database and makes small, safe changes"
            + " to it. Use tabletalk_schema to see what exists, then tabletalk_chat to read or change rows in plain"
            + " words. Nothing can ever be deleted. Every create or update is shown as a preview first, and only"
            + " the person using this client can confirm it, when the client asks them; you cannot confirm.";

    static final String CHAT = "Send one message to TableTalk, the database assistant, and get its reply. Ask in"
            + " plain words, e.g. 'show the 10 newest orders from Berlin', 'add a customer named Ada, email"
            + " ada@x.org' or 'set the status of order 1042 to shipped'. Reads return at most 100 rows. Deleting is"
            + " impossible. A create or update is never run by this tool: TableTalk previews it (what changes, how"
            + " many rows), and then the person is asked to confirm it by your client; you cannot confirm, and"
            + " messages such as 'confirm' sent here are refused. Pass the sessionId of the previous reply to"
            + " continue a conversation. The result carries the reply text and the reply object (rows, preview,"
            + " refusal with its code, or error).";

    static final String CHAT_MESSAGE = "The message, in plain words, e.g. 'show customers in Berlin'";

    static final String CHAT_SESSION =
            "The sessionId of a previous reply, to continue that conversation; omit to" + " start a new one";

    static final String SCHEMA = "List the tables (entities) and fields this caller may see and use, with their"
            + " types and whether they can be written. Read-only; changes nothing.";

    static final String NO_ELICITATION = "This change was not made and cannot be made from here: writes need an"
            + " MCP client that can ask the person to confirm them (elicitation), and this client cannot. Nothing"
            + " was changed.";

    private ToolTexts() {}
}
