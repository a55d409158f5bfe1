package io.linia.requests.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.InvalidInputException;
import io.linia.requests.ProjectSetup;
import io.linia.requests.ProjectSetup.Field;
import io.linia.requests.ProjectSetup.Operation;
import io.linia.requests.ProjectSetup.RequestType;
import io.linia.requests.ProjectSetup.Status;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The constructor's rules (CASE-2) and typed field values, without Spring. */
class SetupRulesTest {

    static final ProjectSetup SETUP = SetupRules.check(new ProjectSetup(
            List.of(new ProjectSetup.Dictionary("colours", null, List.of("red", "green"))),
            List.of(new RequestType("t", "T", 10, 60, List.of(
                    new Field("n", null, "number", true, false, null),
                    new Field("c", null, "CHOICE", false, false, "colours"),
                    new Field("d", null, "DATE", false, false, null),
                    new Field("b", null, "BOOLEAN", false, false, null),
                    new Field("s", null, "TEXT", false, true, null)), List.of(), List.of())),
            List.of(new Status("new", null, true, false), new Status("work", null, false, false),
                    new Status("done", null, false, true)),
            List.of(new Operation("take", null, List.of("new"), "work"), new Operation("finish", null, List.of(), "done"),
                    new Operation("reopen", null, List.of("done"), "work")),
            List.of(), null, List.of(), null), null);

    /** from → to: allowed by which operation, or "-" when refused. */
    @ParameterizedTest
    @CsvSource({
            "new, work, take",
            "new, done, finish",     // from: [] = from any status that is not final
            "work, done, finish",
            "work, new, -",
            "done, work, reopen",
            "done, done, -",         // a final status is not left by an operation with from: []
            "new, new, -"})
    void transitionsFollowTheOperations(String from, String to, String operation) {
        assertThat(SetupRules.transition(SETUP, from, to).map(Operation::code).orElse("-")).isEqualTo(operation);
    }

    @Test
    void checkingFillsDefaultsAndNormalizes() {
        assertThat(SETUP.types().get(0).fields().get(0).type()).isEqualTo("NUMBER");
        assertThat(SETUP.types().get(0).fields().get(0).label()).as("label defaults to the key").isEqualTo("n");
        assertThat(SETUP.notifications()).containsKeys("registered", "status_changed", "overdue");
        assertThat(SetupRules.initial(SETUP).code()).isEqualTo("new");
    }

    @ParameterizedTest
    @CsvSource({
            "statuses,                   no statuses",
            "types,                      no types",
            "statuses,                   two initials",
            "types[0].fields[0].type,    unknown field type",
            "types[0].fields[0].dictionary, choice without dictionary",
            "operations[0].from[0],      unknown from",
            "types[0].reactionMinutes,   zero minutes",
            "dictionaries[0].items[1],   duplicate item",
            "types[1].code,              duplicate type"})
    void badSetupsAreRefusedNamingTheField(String field, String situation) {
        ProjectSetup s = switch (situation) {
            case "no statuses" -> with(SETUP.types(), List.of(), SETUP.operations(), SETUP.dictionaries());
            case "no types" -> with(List.of(), SETUP.statuses(), SETUP.operations(), SETUP.dictionaries());
            case "two initials" -> with(SETUP.types(), List.of(new Status("a", null, true, false),
                    new Status("b", null, true, false)), List.of(), SETUP.dictionaries());
            case "unknown field type" -> with(List.of(type(new Field("x", null, "MONEY", false, false, null))),
                    SETUP.statuses(), List.of(), List.of());
            case "choice without dictionary" -> with(List.of(type(new Field("x", null, "CHOICE", false, false, "nope"))),
                    SETUP.statuses(), List.of(), List.of());
            case "unknown from" -> with(SETUP.types(), SETUP.statuses(),
                    List.of(new Operation("o", null, List.of("lost"), "work")), SETUP.dictionaries());
            case "zero minutes" -> with(List.of(new RequestType("t", null, 0, null, List.of(), List.of(), List.of())),
                    SETUP.statuses(), List.of(), List.of());
            case "duplicate item" -> with(List.of(type()), SETUP.statuses(), List.of(),
                    List.of(new ProjectSetup.Dictionary("d", null, List.of("a", " a "))));
            case "duplicate type" -> with(List.of(type(), type()), SETUP.statuses(), List.of(), List.of());
            default -> throw new IllegalArgumentException(situation);
        };
        assertThatThrownBy(() -> SetupRules.check(s, null)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }

    @Test
    void aSavedFieldKeepsItsTypeAndConfidentiality() {
        ProjectSetup changed = with(List.of(type(new Field("s", null, "TEXT", false, false, null))), SETUP.statuses(),
                List.of(), List.of());
        assertThatThrownBy(() -> SetupRules.check(changed, SETUP)).extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("immutable");
    }

    @Test
    void fieldValuesAreCheckedNeverCoercedAndCanonical() {
        Map<String, Object> given = new HashMap<>();
        given.put("n", new BigDecimal("12.50"));
        given.put("c", "green");
        given.put("d", " 2026-12-01 ");
        given.put("b", false);
        assertThat(FieldValues.changes(SETUP, "t", given, Set.of()))
                .containsEntry("n", "12.5").containsEntry("c", "green").containsEntry("d", "2026-12-01")
                .containsEntry("b", "false");
        assertThat(code(Map.of("n", "42"))).isEqualTo("wrong_type");
        assertThat(code(Map.of("n", 1, "b", "true"))).isEqualTo("wrong_type");
        assertThat(code(Map.of("n", 1, "c", "blue"))).isEqualTo("unknown_choice");
        assertThat(code(Map.of("n", 1, "d", "2026-13-01"))).isEqualTo("format");
        assertThat(code(Map.of("n", 1, "x", 1))).isEqualTo("unknown_field");
        assertThat(code(Map.of("c", "red"))).isEqualTo("required");
        Map<String, Object> removeRequired = new HashMap<>();
        removeRequired.put("n", null);
        assertThatThrownBy(() -> FieldValues.changes(SETUP, "t", removeRequired, Set.of("n")))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("fields.n");
        assertThat(FieldValues.changes(SETUP, "t", Map.of("c", "red"), Set.of("n"))).as("present before").containsOnlyKeys("c");
    }

    private static String code(Map<String, Object> given) {
        try {
            FieldValues.changes(SETUP, "t", given, Set.of());
            return "ok";
        } catch (InvalidInputException e) {
            return e.code();
        }
    }

    private static RequestType type(Field... fields) {
        return new RequestType("t", null, null, null, List.of(fields), List.of(), List.of());
    }

    private static ProjectSetup with(List<RequestType> types, List<Status> statuses, List<Operation> ops,
                                     List<ProjectSetup.Dictionary> dictionaries) {
        return new ProjectSetup(dictionaries, types, statuses, ops, List.of(), null, List.of(), null);
    }
}
