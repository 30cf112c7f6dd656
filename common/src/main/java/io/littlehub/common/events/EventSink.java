package io.littlehub.common.events;

import java.util.Map;

/** Where the agent's events go: one JSON object per line on stdout when run by the laptop CLI. */
public interface EventSink {
    void emit(Map<String, Object> event);
}
