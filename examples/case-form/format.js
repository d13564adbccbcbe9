// Dates and durations for people. Everything is shown in UTC, as the
// engine's summaries are, so that what the page says and what the card says
// agree; the page never reads the machine's clock or time zone.

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric",
  hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/** `Mon, 2 Nov 2026, 14:05 UTC` */
export function formatDateTime(iso) {
  return iso ? `${dateTime.format(new Date(iso))} UTC` : "";
}

/** `2 Nov 2026` */
export function formatDate(iso) {
  return iso ? dateOnly.format(new Date(iso)) : "";
}

/** `1 h 15 min`, `45 min`, `0 min` */
export function formatMinutes(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** `2 days 3 hours from now`, for the clock's "next check" hint. */
export function formatSpan(fromIso, toIso) {
  let minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60000);
  if (minutes <= 0) return "now";
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts = [];
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (minutes && !days) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  return `in ${parts.join(" ")}`;
}

/** Adds milliseconds to an ISO instant, keeping the `Z` form the engine echoes. */
export function addMilliseconds(iso, milliseconds) {
  return new Date(Date.parse(iso) + milliseconds).toISOString().replace(".000Z", "Z");
}
