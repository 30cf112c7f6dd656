package io.littlehub.agent;

import io.littlehub.agent.playbook.Playbook;
import io.littlehub.agent.playbook.PlaybookLoader;
import io.littlehub.agent.playbook.RenderCache;
import io.littlehub.agent.playbook.Runner;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.LocalMachine;
import java.io.IOException;
import java.util.Map;

/** Runs a packaged playbook on this machine for a given config text: how {@link ConfigApply} converges the hub, and an upgrade installs a release. */
public final class PlaybookRun {
    private PlaybookRun() {}

    public static Event.Recap run(String playbook, String configText, EventSink events, boolean check, boolean diff)
            throws IOException, InterruptedException {
        return run(playbook, configText, events, check, diff, false);
    }

    /**
     * {@code holdHttps}: the HTTPS front is left stopped ({@link Model#build(java.util.Map, io.littlehub.common.Facts,
     * boolean)}). Texts rendered by an earlier run for the same model and agent are taken from the {@link RenderCache}
     * (a check run renders all).
     */
    public static Event.Recap run(
            String playbook, String configText, EventSink events, boolean check, boolean diff, boolean holdHttps)
            throws IOException, InterruptedException {
        LocalMachine machine = new LocalMachine();
        Playbook book = new RenderCache(machine, RenderCache.FILE)
                .load(playbook, model(configText, holdHttps), AgentJar.stamp(machine), check);
        return new Runner(machine, events, check, diff).run(book);
    }

    /** The packaged playbook rendered for {@code configText} and this machine's facts (a step of it: restore). */
    public static Playbook load(String playbook, String configText) throws IOException {
        return new PlaybookLoader().load(playbook, model(configText, false));
    }

    private static Map<String, Object> model(String configText, boolean holdHttps) throws IOException {
        return Model.build(HubConfig.load(configText), HostFacts.gather(new LocalMachine()), holdHttps);
    }
}
