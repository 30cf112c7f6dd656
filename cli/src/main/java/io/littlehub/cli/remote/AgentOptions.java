package io.littlehub.cli.remote;

/**
 * The options every agent command may take: JSON events ({@code --json}), how long to wait for another change's lock
 * ({@code --wait S}; null: the agent's default) and who makes the change ({@code --who USER@LAPTOP}; null: none).
 */
public record AgentOptions(boolean json, Integer waitSeconds, String who) {
    public static final AgentOptions NONE = new AgentOptions(false, null, null);
}
