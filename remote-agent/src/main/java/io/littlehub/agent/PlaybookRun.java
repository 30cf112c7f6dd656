package io.littlehub.agent;

import io.littlehub.agent.playbook.Playbook;
import io.littlehub.agent.playbook.PlaybookLoader;
import io.littlehub.agent.playbook.Runner;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.LocalMachine;
import java.io.IOException;

/** Runs a packaged playbook on this machine for a given config text: how {@link ConfigApply} converges the hub, and an upgrade installs a release. */
public final class PlaybookRun {
    private PlaybookRun() {}

    public static Event.Recap run(String playbook, String configText, EventSink events, boolean check, boolean diff)
            throws IOException, InterruptedException {
        return run(playbook, configText, events, check, diff, false);
    }

    /** {@code holdHttps}: the HTTPS front is left stopped ({@link Model#build(java.util.Map, io.littlehub.common.Facts, boolean)}). */
    public static Event.Recap run(
            String playbook, String configText, EventSink events, boolean check, boolean diff, boolean holdHttps)
            throws IOException, InterruptedException {
        return new Runner(new LocalMachine(), events, check, diff).run(load(playbook, configText, holdHttps));
    }

    /** The packaged playbook rendered for {@code configText} and this machine's facts (a step of it: restore). */
    public static Playbook load(String playbook, String configText) throws IOException {
        return load(playbook, configText, false);
    }

    private static Playbook load(String playbook, String configText, boolean holdHttps) throws IOException {
        return new PlaybookLoader()
                .load(
                        playbook,
                        Model.build(HubConfig.load(configText), HostFacts.gather(new LocalMachine()), holdHttps));
    }
}
