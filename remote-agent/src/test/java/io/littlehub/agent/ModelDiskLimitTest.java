package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.config.HubConfig;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The limit doctor checks each home by: a user's own limits.users entry first, then limits.disk, else none. */
class ModelDiskLimitTest {
    @Test
    void ownEntryFirstThenEveryonesThenNone() {
        ToLongFunction<String> kib = Model.diskLimitKib(
                HubConfig.load("limits:\n  disk: 2G\n  users:\n    ada: {disk: 5G}\n    bob: {memory: 1G}\n"));
        assertEquals(5L * 1024 * 1024, kib.applyAsLong("jupyter-ada"));
        assertEquals(2L * 1024 * 1024, kib.applyAsLong("jupyter-bob"));
        assertEquals(2L * 1024 * 1024, kib.applyAsLong("jupyter-cy"));
        ToLongFunction<String> none = Model.diskLimitKib(HubConfig.load("limits:\n  users:\n    ada: {disk: 5G}\n"));
        assertEquals(5L * 1024 * 1024, none.applyAsLong("jupyter-ada"));
        assertEquals(0, none.applyAsLong("jupyter-bob"));
    }
}
