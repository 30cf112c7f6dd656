package io.littlehub.agent.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.littlehub.common.config.HubConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schedule's arithmetic as data: config and a moment in, warm times and calendar lines out. */
class ClassScheduleTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String MON_WED_10 =
            "class: {schedule: [{days: [mon, wed], start: \"10:00\", warm_minutes_before: 10, grace_minutes: 20}]}";

    private static ClassSchedule schedule(String yaml, ZoneId vmZone) {
        return ClassSchedule.of(HubConfig.load(yaml), vmZone);
    }

    static Stream<Arguments> nextWarm() {
        return Stream.of(
                // 2026-12-07 is a Monday.
                Arguments.of(
                        "before Monday's warm time", MON_WED_10, "UTC", "2026-12-07T09:00:00Z", "2026-12-07T09:50Z"),
                Arguments.of(
                        "during Monday's class: Wednesday next",
                        MON_WED_10,
                        "UTC",
                        "2026-12-07T10:05:00Z",
                        "2026-12-09T09:50Z"),
                Arguments.of(
                        "Wednesday evening: next Monday",
                        MON_WED_10,
                        "UTC",
                        "2026-12-09T18:00:00Z",
                        "2026-12-14T09:50Z"),
                Arguments.of(
                        "defaults: 10 minutes before",
                        "class: {schedule: [{days: [fri], start: \"14:30\"}]}",
                        "UTC",
                        "2026-12-07T00:00:00Z",
                        "2026-12-11T14:20Z"),
                Arguments.of(
                        "the VM's zone counts",
                        MON_WED_10,
                        "Europe/Berlin",
                        "2026-12-07T08:00:00Z",
                        "2026-12-07T08:50Z"),
                Arguments.of(
                        "class.timezone beats the VM's",
                        "class: {timezone: America/New_York, schedule: [{days: [mon], start: \"10:00\"}]}",
                        "Europe/Berlin",
                        "2026-12-07T00:00:00Z",
                        "2026-12-07T14:50Z"),
                Arguments.of(
                        "a start just after midnight warms the day before",
                        "class: {schedule: [{days: [tue], start: \"00:05\", warm_minutes_before: 10}]}",
                        "UTC",
                        "2026-12-07T12:00:00Z",
                        "2026-12-07T23:55Z"),
                // Berlin leaves summer time on Sunday 2026-10-25: 10:00 is UTC+1 from then on.
                Arguments.of(
                        "DST ends: the wall clock stays",
                        "class: {timezone: Europe/Berlin, schedule: [{days: [fri, mon], start: \"10:00\"}]}",
                        "UTC",
                        "2026-10-23T09:00:00Z",
                        "2026-10-26T08:50Z"),
                // Berlin skips 02:00-03:00 on Sunday 2026-03-29: a 02:30 class starts at 03:30 summer time.
                Arguments.of(
                        "DST starts: a missing hour moves on",
                        "class: {timezone: Europe/Berlin, schedule: [{days: [sun], start: \"02:30\"}]}",
                        "UTC",
                        "2026-03-28T12:00:00Z",
                        "2026-03-29T01:20Z"),
                Arguments.of("no schedule", "{}", "UTC", "2026-12-07T09:00:00Z", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nextWarm(String name, String yaml, String vmZone, String now, String expected) {
        Optional<ClassSchedule.Window> next = schedule(yaml, ZoneId.of(vmZone)).next(Instant.parse(now));
        assertEquals(
                Optional.ofNullable(expected).map(e -> ZonedDateTime.parse(e).toInstant()),
                next.map(w -> w.warmAt().toInstant()));
    }

    static Stream<Arguments> current() {
        return Stream.of(
                Arguments.of("before the warm time", "2026-12-07T09:49:59Z", null),
                Arguments.of("at the warm time", "2026-12-07T09:50:00Z", "2026-12-07T10:20:00Z"),
                Arguments.of("in the grace", "2026-12-07T10:19:59Z", "2026-12-07T10:20:00Z"),
                Arguments.of("grace over", "2026-12-07T10:20:00Z", null),
                Arguments.of("a Tuesday", "2026-12-08T09:55:00Z", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void current(String name, String now, String graceEnd) {
        assertEquals(
                Optional.ofNullable(graceEnd).map(Instant::parse),
                schedule(MON_WED_10, UTC)
                        .current(Instant.parse(now))
                        .map(w -> w.graceEnd().toInstant()));
    }

    static Stream<Arguments> calendar() {
        return Stream.of(
                Arguments.of(MON_WED_10, List.of("Mon *-*-* 09:50:00", "Wed *-*-* 09:50:00")),
                Arguments.of(
                        "class: {timezone: Europe/Berlin, schedule: [{days: [sun], start: \"00:05\"}]}",
                        List.of("Sat *-*-* 23:55:00 Europe/Berlin")),
                Arguments.of(
                        "class: {schedule: [{days: [mon], start: \"00:05\", warm_minutes_before: 5}]}",
                        List.of("Mon *-*-* 00:00:00")),
                Arguments.of("{}", List.of()));
    }

    @ParameterizedTest
    @MethodSource
    void calendar(String yaml, List<String> expected) {
        assertEquals(expected, schedule(yaml, UTC).calendar());
    }

    @org.junit.jupiter.api.Test
    void anUnknownTimeZoneNamesTheFix() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> schedule("class: {timezone: Europe/Atlantis}", UTC));
        assertEquals(
                "class.timezone Europe/Atlantis is not a time zone: use a name like Europe/Berlin or America/New_York"
                        + " (`timedatectl list-timezones` lists them), or \"\" for the VM's own",
                e.getMessage());
    }
}
