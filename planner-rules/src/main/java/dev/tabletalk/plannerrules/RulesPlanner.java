package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The deterministic, offline planner and TableTalk's embedded default: reads everyday English
 * ("show the 10 most recent orders", "add a customer named Ada, email ada@x.org", "set the status
 * of order 1042 to shipped") with rules over the schema view only: entity and column names in any
 * naming style, comments as synonyms, types, enum values and form roles. It never sees row data
 * (invariant 8), makes no network call and does no I/O.
 *
 * <p>Any delete-like request ("delete", "remove", "drop", "truncate", "erase", "wipe", "purge", in
 * any form, even spelt with lookalike letters) is refused with {@link RefusalCode#DELETE_NOT_ALLOWED}
 * and never turned into another intent, with one exception that is still no DELETE: on an entity with a
 * soft-delete marker, "delete customer 5" is an update of the marker and "restore customer 5" reverses it
 * ({@link SoftDeleteVerbs}); a refusal names a status-like column to change instead where there is one. Names are resolved across case, separators, plural forms
 * and small typos (only when exactly one name is that close); words with non-ASCII letters are
 * compared only with catalog names that have them, so lookalike spellings never resolve. The
 * tenant column is never named.
 *
 * <p>Its output is data to be validated by the engine, never trusted. It is a function of the request alone, so
 * the plans of the last requests are kept (at most 256) and an equal request on the same view gets the same
 * output again without being read ({@link RememberedPlans}). Instances are thread-safe; their only state is those
 * caches; {@link #plan} never returns null and never throws for any message.
 */
public final class RulesPlanner implements Planner {

    private static final String TOO_MANY_LINKS = "That goes through more tables than one request can follow (at most"
            + " two links, as in \"tracks of albums by AC/DC\"). Ask in two steps: first find the rows it goes"
            + " through (for example the cities of that country), then ask by their numbers. Nothing was read.";
    private static final String NAME = "rules";
    private static final PlannerTrace TRACE = PlannerTrace.offline(NAME);
    private static final int CACHED_SCHEMAS = 16;

    private static final Pattern DELETE_WORD = Pattern.compile(
            "(delet|remov|drop|truncat|eras|wipe|wiping|purg|destroy|obliterat|expung|nuke|nuking|unregist|discard"
                    + "|eliminat)\\p{L}*|rm|trash|trashed|trashing");

    /** Invisible format characters (zero-width space, joiners), which must not hide a delete. */
    private static final Pattern FORMAT_CHARACTERS = Pattern.compile("\\p{Cf}");

    /** Where a word's skeleton is split to find a delete verb inside it ({@code soft-delete}, {@code re_move}). */
    private static final Pattern WORD_PARTS = Pattern.compile("[_\\-']");

    /** The verbs that make "rid" a delete ("get rid of"). */
    private static final Set<String> GET_FORMS = Set.of("get", "got", "getting", "gets");

    /** The first sentence of every delete refusal. */
    static final String DELETE_REFUSAL = "Deleting is not possible here: TableTalk never deletes or drops anything.";

    static final String DELETE_MESSAGE = DELETE_REFUSAL + " "
            + "To take a row out of use, change it instead, for example \"set the status of order 42 to cancelled\" "
            + "or \"mark customer 7 as inactive\". (If a name contains such a word, put the name in quotes.)";

    private final RulesPlannerConfig config;
    private final Pattern tenantColumn;
    /** Schema indexes built so far: the work a cached view saves, counted for tests (#12). */
    private final AtomicInteger indexesBuilt = new AtomicInteger();
    /** The index of the view planned on last, found again without working out its key (#17). */
    private volatile LastIndex lastIndex;
    /** The plans of the messages read last, found again for an equal request on the same view (#17). */
    private final RememberedPlans remembered = new RememberedPlans();

    private final Map<String, SchemaIndex> indexes = new LinkedHashMap<>(CACHED_SCHEMAS, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SchemaIndex> eldest) {
            return size() > CACHED_SCHEMAS;
        }
    };

    private RulesPlanner(RulesPlannerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // company_id, "company id", CompanyId, company-id: the words of the tenant column, however joined
        String words = String.join(
                "[\\s_\\-]*",
                Words.split(config.tenantColumn()).stream().map(Pattern::quote).toList());
        this.tenantColumn = Pattern.compile(
                "(?<![\\p{L}\\p{N}])" + words + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** A rules planner with {@link RulesPlannerConfig#defaults()}. */
    public static RulesPlanner create() {
        return new RulesPlanner(RulesPlannerConfig.defaults());
    }

    /** A rules planner with these settings. */
    public static RulesPlanner create(RulesPlannerConfig config) {
        return new RulesPlanner(config);
    }

    @Override
    public PlannerOutput plan(PlannerRequest request) {
        Objects.requireNonNull(request, "request");
        return remembered.plan(request, this::read);
    }

    /** Reads a message: the plan of a request not met before. */
    private PlannerOutput read(PlannerRequest request) {
        SchemaIndex index = indexOf(request.schema());
        Function<PlannerRequest, PlannerOutput> plain = r -> planPlain(r, index);
        // soft delete (#13): "delete/restore customer 5" updates the marker, "... including deleted" reads them
        Optional<PlannerOutput> softDelete =
                SoftDeleteVerbs.write(request, plain, TRACE).or(() -> SoftDeleteVerbs.read(request, plain));
        if (softDelete.isPresent()) {
            return softDelete.get();
        }
        PlannerOutput output = plain.apply(request);
        if (output.refusal()
                .filter(r -> r.code() == RefusalCode.DELETE_NOT_ALLOWED)
                .isPresent()) {
            Optional<String> hint = SoftDeleteVerbs.deleteTarget(request, plain).flatMap(SoftDeleteVerbs::retireHint);
            if (hint.isPresent()) {
                return PlannerOutput.refused(
                        Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, DELETE_REFUSAL + " " + hint.get()), TRACE);
            }
        }
        return output;
    }

    /** The plan of a message read as it is, without the soft-delete forms. */
    private PlannerOutput planPlain(PlannerRequest request, SchemaIndex index) {
        List<Token> tokens = Tokenizer.tokenize(request.message());
        // invisible characters must not hide a delete: "dele\u200Bte" is checked without them too
        String visible = FORMAT_CHARACTERS.matcher(request.message()).replaceAll("");
        if (asksToDelete(tokens, index)
                || !visible.equals(request.message()) && asksToDelete(Tokenizer.tokenize(visible), index)) {
            return PlannerOutput.refused(Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, DELETE_MESSAGE), TRACE);
        }
        if (tenantColumn.matcher(request.message()).find()) {
            // INV-7: said out loud, the tenant column gets a clear answer instead of being silently dropped
            return PlannerOutput.refused(tenantRefusal(config.tenantColumn()), TRACE);
        }
        // #17: the message is tokenized once per plan; the reader walks the same tokens
        PlannerOutput output = new MessageReader(request, tokens, index, config, TRACE).read();
        List<Condition> tooDeep = Stream.concat(
                        output.filters().stream(),
                        output.question().stream()
                                .flatMap(q -> q.choices().stream())
                                .flatMap(
                                        c -> c.plan() instanceof ReadPlan read ? read.filters().stream() : Stream.of()))
                .filter(c -> c.depth() > Condition.MAX_DEPTH)
                .toList();
        if (!tooDeep.isEmpty()) {
            // "customers in the country Canada" goes through address and city: deeper than a plan may nest
            String why = tooDeep.stream().anyMatch(Condition::hasLink)
                    ? TOO_MANY_LINKS
                    : Wording.conditionsTooDeep(Condition.MAX_DEPTH);
            return PlannerOutput.refused(Refusal.of(RefusalCode.NOT_UNDERSTOOD, why), TRACE);
        }
        return output;
    }

    /** The answer when a message names the tenant ("company_id 5", "company 202"): never chosen by a message. */
    static Refusal tenantRefusal(String tenantColumn) {
        return Refusal.of(
                RefusalCode.TENANT_COLUMN,
                tenantColumn + " is set from your identity: you see and change "
                        + "only your own rows, and it cannot be chosen or searched by.");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Whether any word outside quotes is a delete-like verb, also when spelt with lookalike or
     * invisible characters. A word that is part of a catalog name ({@code deleted_at}) does not count.
     */
    static boolean asksToDelete(List<Token> tokens, SchemaIndex index) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Token.Kind.WORD) {
                continue;
            }
            String skeleton = Words.skeleton(token.text());
            boolean deleteLike = DELETE_WORD.matcher(skeleton).matches()
                    || skeleton.equals("rid")
                            && i > 0
                            && GET_FORMS.contains(tokens.get(i - 1).word());
            if (!deleteLike && WORD_PARTS.matcher(skeleton).find()) {
                // a verb inside a compound word ("soft-delete", "re_move"); a word of one part was matched above
                for (String part : WORD_PARTS.split(skeleton)) {
                    deleteLike |= DELETE_WORD.matcher(part).matches();
                }
            }
            if (deleteLike && !(token.ascii() && index.isNameWord(token.word()))) {
                return true;
            }
        }
        return false;
    }

    /** How many requests this planner has read rather than found again among the plans it remembers. */
    long messagesRead() {
        return remembered.read();
    }

    /** How many schema indexes this planner has built (a view is indexed once while it stays cached). */
    int indexesBuilt() {
        return indexesBuilt.get();
    }

    private SchemaIndex indexOf(SchemaView schema) {
        // #17: the engine hands the same view turn after turn while the catalog stays the same
        LastIndex last = lastIndex;
        if (last != null && last.schema() == schema) {
            return last.index();
        }
        SchemaIndex index = keyedIndexOf(schema);
        lastIndex = new LastIndex(schema, index);
        return index;
    }

    /** The view last planned on and its index. */
    private record LastIndex(SchemaView schema, SchemaIndex index) {}

    private SchemaIndex keyedIndexOf(SchemaView schema) {
        // the fingerprint names the catalog (structure and exposure); the entity names tell apart views of it
        int names = 1;
        for (SchemaView.EntityView entity : schema.entities()) {
            names = 31 * names + entity.name().hashCode() + entity.columns().size();
        }
        String key = schema.fingerprint() + "/" + schema.entities().size() + "/" + names;
        synchronized (indexes) {
            SchemaIndex cached = indexes.get(key);
            if (cached != null) {
                return cached;
            }
        }
        SchemaIndex built = SchemaIndex.of(schema, config.tenantColumn());
        indexesBuilt.incrementAndGet();
        synchronized (indexes) {
            indexes.put(key, built);
        }
        return built;
    }
}
