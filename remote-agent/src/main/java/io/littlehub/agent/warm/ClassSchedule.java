package io.littlehub.agent.warm;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config's {@code class} section: when class is ({@code class.schedule}: days, start, minutes before, grace) in
 * which time zone ({@code class.timezone}, empty: the VM's). Pure: the warm timer's calendar lines, and for a moment
 * the class being warmed now or the next warm time. The schema checks each entry's shape; this checks the zone.
 */
public record ClassSchedule(List<Entry> entries, ZoneId zone, boolean vmZone) {
    /** One schedule entry: on these days, class starts at {@code start}; warm that long before, keep that long after. */
    public record Entry(Set<DayOfWeek> days, LocalTime start, Duration warmBefore, Duration grace) {}

    /** One class: its servers start at {@code warmAt}, the culler may stop them from {@code graceEnd}. */
    public record Window(ZonedDateTime warmAt, ZonedDateTime start, ZonedDateTime graceEnd) {
        public static Window startingIn(Instant now, ZoneId zone, Duration untilStart, Duration grace) {
            ZonedDateTime start = now.plus(untilStart).atZone(zone);
            return new Window(now.atZone(zone), start, start.plus(grace));
        }
    }

    static final int DEFAULT_WARM_MINUTES = 10;
    static final int DEFAULT_GRACE_MINUTES = 20;
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** From the merged config (the file over the defaults); {@code vmZone}: the VM's own time zone. */
    public static ClassSchedule of(Map<String, Object> config, ZoneId vmZone) {
        Map<?, ?> section = config.get("class") instanceof Map<?, ?> m ? m : Map.of();
        String tz = String.valueOf(section.get("timezone") == null ? "" : section.get("timezone"));
        ZoneId zone = vmZone;
        if (!tz.isEmpty()) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("class.timezone " + tz
                        + " is not a time zone: use a name like Europe/Berlin or America/New_York"
                        + " (`timedatectl list-timezones` lists them), or \"\" for the VM's own");
            }
        }
        List<Entry> entries = new ArrayList<>();
        if (section.get("schedule") instanceof List<?> list) {
            for (Object o : list) {
                entries.add(entry((Map<?, ?>) o));
            }
        }
        return new ClassSchedule(List.copyOf(entries), zone, tz.isEmpty());
    }

    private static Entry entry(Map<?, ?> e) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object d : (List<?>) e.get("days")) {
            days.add(DayOfWeek.of(DAYS.indexOf(String.valueOf(d)) + 1));
        }
        return new Entry(
                days,
                LocalTime.parse(String.valueOf(e.get("start"))),
                Duration.ofMinutes(minutes(e.get("warm_minutes_before"), DEFAULT_WARM_MINUTES)),
                Duration.ofMinutes(minutes(e.get("grace_minutes"), DEFAULT_GRACE_MINUTES)));
    }

    private static int minutes(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    /** The class whose warm time has come and whose grace has not ended at {@code now}: what the timer's run warms. */
    public Optional<Window> current(Instant now) {
        return windowsAround(now).stream()
                .filter(w -> !w.warmAt().toInstant().isAfter(now)
                        && w.graceEnd().toInstant().isAfter(now))
                .max(Comparator.comparing(Window::start));
    }

    /** The next warm time after {@code now} (empty with no schedule). */
    public Optional<Window> next(Instant now) {
        return windowsAround(now).stream()
                .filter(w -> w.warmAt().toInstant().isAfter(now))
                .min(Comparator.comparing(Window::warmAt));
    }

    /** Each class from yesterday to a week ahead of {@code now}, in the zone (a missing DST hour moves on). */
    private List<Window> windowsAround(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Window> out = new ArrayList<>();
        for (int d = -1; d <= 8; d++) {
            LocalDate day = today.plusDays(d);
            for (Entry e : entries) {
                if (e.days().contains(day.getDayOfWeek())) {
                    ZonedDateTime start = ZonedDateTime.of(day, e.start(), zone);
                    out.add(new Window(start.minus(e.warmBefore()), start, start.plus(e.grace())));
                }
            }
        }
        return out;
    }

    /**
     * systemd {@code OnCalendar=} values, one per entry and day: the warm time on the wall clock (the day before when
     * it falls before midnight), with the zone unless it is the VM's.
     */
    public List<String> calendar() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            LocalTime warm = e.start().minus(e.warmBefore());
            long dayShift = e.start().toSecondOfDay() - e.warmBefore().toSeconds() < 0 ? -1 : 0;
            for (DayOfWeek day : e.days()) {
                out.add(String.format(
                        "%s *-*-* %02d:%02d:00%s",
                        day.plus(dayShift).getDisplayName(TextStyle.SHORT, Locale.ROOT),
                        warm.getHour(),
                        warm.getMinute(),
                        vmZone ? "" : " " + zone.getId()));
            }
        }
        return out;
    }
}
