package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The compatibility rule the committed schemas are held to, shown on versions of a small record. */
class JsonSchemasTest {

    enum Kind {
        SOFT,
        HARD
    }

    enum KindWithMore {
        SOFT,
        HARD,
        FRAUD
    }

    enum KindWithLess {
        SOFT
    }

    record Original(UUID id, Money amount, Kind kind, List<UUID> related, Instant at) {}

    record WithOptionalField(
            UUID id,
            Money amount,
            Kind kind,
            List<UUID> related,
            Instant at,
            @OptionalField String note) {}

    record WithRequiredField(UUID id, Money amount, Kind kind, List<UUID> related, Instant at, String note) {}

    record WithoutField(UUID id, Money amount, Kind kind, List<UUID> related) {}

    record WithRetypedField(UUID id, Money amount, Kind kind, List<UUID> related, long at) {}

    record WithMoreEnumValues(UUID id, Money amount, KindWithMore kind, List<UUID> related, Instant at) {}

    record WithFewerEnumValues(UUID id, Money amount, KindWithLess kind, List<UUID> related, Instant at) {}

    record WithRetypedListItems(UUID id, Money amount, Kind kind, List<String> related, Instant at) {}

    private static List<String> changesFromOriginalTo(Class<?> next) {
        return JsonSchemas.breakingChanges(JsonSchemas.objectSchema(Original.class), JsonSchemas.objectSchema(next));
    }

    @Test
    void addingAnOptionalFieldIsAdditive() {
        assertThat(changesFromOriginalTo(WithOptionalField.class)).isEmpty();
    }

    @Test
    void addingEnumValuesIsAdditive() {
        assertThat(changesFromOriginalTo(WithMoreEnumValues.class)).isEmpty();
    }

    @Test
    void addingARequiredFieldBreaksConsumersOfEventsAlreadyPublished() {
        assertThat(changesFromOriginalTo(WithRequiredField.class))
                .singleElement()
                .asString()
                .contains("$.note");
    }

    @Test
    void removingAFieldBreaks() {
        assertThat(changesFromOriginalTo(WithoutField.class)).containsExactly("$.at: removed");
    }

    @Test
    void changingAFieldsTypeBreaks() {
        assertThat(changesFromOriginalTo(WithRetypedField.class))
                .singleElement()
                .asString()
                .startsWith("$.at: ");
    }

    @Test
    void removingAnEnumValueBreaks() {
        assertThat(changesFromOriginalTo(WithFewerEnumValues.class))
                .containsExactly("$.kind: enum value \"HARD\" removed");
    }

    @Test
    void changingTheItemsOfAListBreaks() {
        assertThat(changesFromOriginalTo(WithRetypedListItems.class))
                .containsExactly("$.related[]: format changed from \"uuid\" to none");
    }

    @Test
    void aSampleWithAFieldTheSchemaDoesNotKnowIsRefused() {
        JsonNode sample = EventJson.mapper()
                .<JsonNode>valueToTree(new WithOptionalField(
                        UUID.randomUUID(), Money.of(1999, "EUR"), Kind.SOFT, List.of(), Instant.EPOCH, "extra"));
        assertThat(JsonSchemas.violations(JsonSchemas.objectSchema(Original.class), sample))
                .containsExactly("$.note: not in the schema");
    }

    @Test
    void aSampleMissingARequiredFieldOrWithAWrongFormatIsRefused() {
        JsonNode sample = EventJson.mapper().readTree("""
                {"id": "not-a-uuid", "amount": {"amount": 5, "currency": "EUR"}, "kind": "LOST", "related": []}""");
        assertThat(JsonSchemas.violations(JsonSchemas.objectSchema(Original.class), sample))
                .containsExactlyInAnyOrder(
                        "$.at: required but missing",
                        "$.id: 'not-a-uuid' is not a uuid",
                        "$.kind: \"LOST\" is not one of [\"SOFT\",\"HARD\"]");
    }
}
