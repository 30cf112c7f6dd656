package io.littlehub.common.events;

/** Where a run's events go: JSON lines on stdout when the laptop CLI runs the agent, or the report for people. */
public interface EventSink {
    void emit(Event event);
}
