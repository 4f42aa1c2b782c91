package io.demandloop.shared.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static WorkingCalendar weekdays(ZoneId zone, String hours, LocalDate... holidays) {
        Map<DayOfWeek, List<WorkingCalendar.Interval>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            map.put(day, List.of(WorkingCalendar.Interval.parse(hours)));
        }
        return new WorkingCalendar("test", zone, map, Set.of(holidays));
    }

    private static WorkingCalendar everyDay(ZoneId zone, String... hours) {
        Map<DayOfWeek, List<WorkingCalendar.Interval>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            map.put(day, java.util.Arrays.stream(hours).map(WorkingCalendar.Interval::parse).toList());
        }
        return new WorkingCalendar("test", zone, map, Set.of());
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void plusWorkingTime_shouldSkipTheWeekend() {
        // GIVEN Monday to Friday 09:00-17:00 UTC; 2026-11-20 is a Friday
        WorkingCalendar calendar = weekdays(ZoneId.of("UTC"), "09:00-17:00");

        // WHEN / THEN two working hours from Friday 16:00 end on Monday 10:00
        assertThat(calendar.plusWorkingTime(at("2026-11-20T16:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-11-23T10:00:00Z"));
        assertThat(calendar.workingTimeBetween(at("2026-11-20T16:00:00Z"), at("2026-11-23T10:00:00Z"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void plusWorkingTime_shouldStartAtTheNextWorkingMinute_whenOpenedOutsideHours() {
        WorkingCalendar calendar = weekdays(ZoneId.of("UTC"), "09:00-17:00");

        // Saturday noon, Monday before work, Monday after work
        assertThat(calendar.plusWorkingTime(at("2026-11-21T12:00:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-23T10:00:00Z"));
        assertThat(calendar.plusWorkingTime(at("2026-11-23T07:00:00Z"), Duration.ofMinutes(30))).isEqualTo(at("2026-11-23T09:30:00Z"));
        assertThat(calendar.plusWorkingTime(at("2026-11-23T18:00:00Z"), Duration.ofMinutes(30))).isEqualTo(at("2026-11-24T09:30:00Z"));
        assertThat(calendar.workingTimeBetween(at("2026-11-21T00:00:00Z"), at("2026-11-23T00:00:00Z"))).isZero();
    }

    @Test
    void plusWorkingTime_shouldSkipHolidays() {
        // GIVEN Christmas Day 2026 (a Friday) is a holiday
        WorkingCalendar calendar = weekdays(ZoneId.of("UTC"), "09:00-17:00", LocalDate.parse("2026-12-25"));

        // WHEN / THEN Thursday 16:00 plus two hours is Monday 10:00
        assertThat(calendar.plusWorkingTime(at("2026-12-24T16:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-12-28T10:00:00Z"));
        assertThat(calendar.workingTimeBetween(at("2026-12-24T00:00:00Z"), at("2026-12-29T00:00:00Z"))).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void allDayCalendar_shouldHave23HoursOnTheSpringForwardDay_and25OnTheFallBackDay() {
        WorkingCalendar calendar = everyDay(BERLIN, "00:00-24:00");

        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin; 2026-10-25: from 03:00 back to 02:00
        assertThat(calendar.workingTimeBetween(at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))).isEqualTo(Duration.ofHours(23));
        assertThat(calendar.workingTimeBetween(at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"))).isEqualTo(Duration.ofHours(25));
        // and working time is real time across both changes
        assertThat(calendar.plusWorkingTime(at("2026-03-28T23:30:00Z"), Duration.ofHours(4))).isEqualTo(at("2026-03-29T03:30:00Z"));
        assertThat(calendar.plusWorkingTime(at("2026-10-24T23:30:00Z"), Duration.ofHours(4))).isEqualTo(at("2026-10-25T03:30:00Z"));
    }

    @Test
    void businessHours_shouldFollowTheLocalClock_acrossDaylightSavingChanges() {
        WorkingCalendar calendar = weekdays(BERLIN, "09:00-17:00");

        // Friday 2026-10-23 16:00 CEST (14:00Z) + 2h: one hour on Friday, one on Monday 09:00-10:00 CET (08:00-09:00Z)
        assertThat(calendar.plusWorkingTime(at("2026-10-23T14:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-10-26T09:00:00Z"));
        // Friday 2026-03-27 16:00 CET (15:00Z) + 2h: Monday 2026-03-30 10:00 CEST is 08:00Z
        assertThat(calendar.plusWorkingTime(at("2026-03-27T15:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-03-30T08:00:00Z"));
    }

    @Test
    void intervalStartingInTheSpringGap_shouldStartAtTheFirstValidInstant() {
        // GIVEN 02:30-05:00 on every day: on 2026-03-29 02:30 does not exist in Berlin
        WorkingCalendar calendar = everyDay(BERLIN, "02:30-05:00");

        // THEN that day's window is 03:30-05:00 CEST (01:30Z-03:00Z): an hour and a half
        assertThat(calendar.workingTimeBetween(at("2026-03-28T22:00:00Z"), at("2026-03-29T22:00:00Z"))).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void nightShift_shouldRunOnAcrossMidnight() {
        WorkingCalendar calendar = everyDay(ZoneId.of("UTC"), "00:00-06:00", "22:00-24:00");

        assertThat(calendar.plusWorkingTime(at("2026-11-16T23:00:00Z"), Duration.ofHours(4))).isEqualTo(at("2026-11-17T03:00:00Z"));
        assertThat(calendar.workingTimeBetween(at("2026-11-16T23:00:00Z"), at("2026-11-17T03:00:00Z"))).isEqualTo(Duration.ofHours(4));
        // from the end of one shift to the next: 06:00 + 1h working is 23:00
        assertThat(calendar.plusWorkingTime(at("2026-11-17T06:00:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-17T23:00:00Z"));
    }

    @Test
    void plusWorkingTime_shouldReturnTheStart_forZero() {
        WorkingCalendar calendar = weekdays(ZoneId.of("UTC"), "09:00-17:00");

        assertThat(calendar.plusWorkingTime(at("2026-11-21T12:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-11-21T12:00:00Z"));
    }

    @Test
    void interval_shouldBeRejected_whenMalformedOrBackwards() {
        assertThatThrownBy(() -> WorkingCalendar.Interval.parse("9-5")).hasMessageContaining("'9-5'");
        assertThatThrownBy(() -> WorkingCalendar.Interval.parse("22:00-06:00")).hasMessageContaining("across midnight");
    }

    @Test
    void calendar_shouldBeRejected_whenIntervalsOverlapOrThereAreNoHours() {
        assertThatThrownBy(() -> everyDay(ZoneId.of("UTC"), "09:00-12:00", "11:00-13:00")).hasMessageContaining("overlap");
        assertThatThrownBy(() -> new WorkingCalendar("empty", ZoneId.of("UTC"), Map.of(), Set.of()))
                .hasMessageContaining("no working hours");
    }
}
