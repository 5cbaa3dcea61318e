package io.github.kcpat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.kcpat.token.JsonText;

class RoleChoiceTest {

    @Test
    void namesAreSortedUniqueAndEmptyClientsDropped() {
        RoleChoice choice = new RoleChoice(List.of("writer", "reader", "reader"),
                Map.of("b-api", List.of("x"), "a-api", List.of("z", "y"), "empty", List.of()));
        assertEquals(List.of("reader", "writer"), choice.realm());
        assertEquals(List.of("a-api", "b-api"), List.copyOf(choice.clients().keySet()));
        assertEquals(List.of("reader", "writer", "a-api/y", "a-api/z", "b-api/x"), choice.labels());
        assertEquals(5, choice.size());
        assertEquals("{\"realm\":[\"reader\",\"writer\"],\"clients\":{\"a-api\":[\"y\",\"z\"],\"b-api\":[\"x\"]}}",
                JsonText.write(choice));
    }

    @Test
    void nothingChosenIsEmpty() {
        assertTrue(new RoleChoice(null, null).isEmpty());
        assertTrue(new RoleChoice(List.of(), Map.of("api", List.of())).isEmpty());
        assertEquals(RoleChoice.NONE, new RoleChoice(Arrays.asList(), null));
    }
}
