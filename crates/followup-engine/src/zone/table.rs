//! The zones this build carries, by IANA name, each with its current rule
//! as a POSIX TZ string: the last line of the zone's `TZif` file in the IANA
//! time zone database (`tail -n1 /usr/share/zoneinfo/Europe/Paris`), here
//! from tzdata 2025b. The test `table_matches_the_system_tzdata` compares
//! them with the machine's tzdata when it has one.
//!
//! A zone not listed is given by its rule (`calendar.timeZoneRule`) or by a
//! fixed offset (`calendar.utcOffset`).

/// One zone a line: its IANA name, a space, its POSIX TZ string; in the
/// order of the names.
pub(super) const ZONES: &str = "\
Africa/Cairo EET-2EEST,M4.5.5/0,M10.5.4/24\n\
Africa/Johannesburg SAST-2\n\
Africa/Lagos WAT-1\n\
Africa/Nairobi EAT-3\n\
America/Anchorage AKST9AKDT,M3.2.0,M11.1.0\n\
America/Bogota <-05>5\n\
America/Buenos_Aires <-03>3\n\
America/Chicago CST6CDT,M3.2.0,M11.1.0\n\
America/Denver MST7MDT,M3.2.0,M11.1.0\n\
America/Halifax AST4ADT,M3.2.0,M11.1.0\n\
America/Lima <-05>5\n\
America/Los_Angeles PST8PDT,M3.2.0,M11.1.0\n\
America/Mexico_City CST6\n\
America/New_York EST5EDT,M3.2.0,M11.1.0\n\
America/Phoenix MST7\n\
America/Santiago <-04>4<-03>,M9.1.6/24,M4.1.6/24\n\
America/Sao_Paulo <-03>3\n\
America/Toronto EST5EDT,M3.2.0,M11.1.0\n\
America/Vancouver PST8PDT,M3.2.0,M11.1.0\n\
Asia/Bangkok <+07>-7\n\
Asia/Dhaka <+06>-6\n\
Asia/Dubai <+04>-4\n\
Asia/Hong_Kong HKT-8\n\
Asia/Jakarta WIB-7\n\
Asia/Jerusalem IST-2IDT,M3.4.4/26,M10.5.0\n\
Asia/Karachi PKT-5\n\
Asia/Kolkata IST-5:30\n\
Asia/Manila PST-8\n\
Asia/Riyadh <+03>-3\n\
Asia/Seoul KST-9\n\
Asia/Shanghai CST-8\n\
Asia/Singapore <+08>-8\n\
Asia/Tokyo JST-9\n\
Australia/Adelaide ACST-9:30ACDT,M10.1.0,M4.1.0/3\n\
Australia/Brisbane AEST-10\n\
Australia/Melbourne AEST-10AEDT,M10.1.0,M4.1.0/3\n\
Australia/Perth AWST-8\n\
Australia/Sydney AEST-10AEDT,M10.1.0,M4.1.0/3\n\
Europe/Amsterdam CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Athens EET-2EEST,M3.5.0/3,M10.5.0/4\n\
Europe/Berlin CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Brussels CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Copenhagen CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Dublin IST-1GMT0,M10.5.0,M3.5.0/1\n\
Europe/Helsinki EET-2EEST,M3.5.0/3,M10.5.0/4\n\
Europe/Istanbul <+03>-3\n\
Europe/Kyiv EET-2EEST,M3.5.0/3,M10.5.0/4\n\
Europe/Lisbon WET0WEST,M3.5.0/1,M10.5.0\n\
Europe/London GMT0BST,M3.5.0/1,M10.5.0\n\
Europe/Madrid CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Moscow MSK-3\n\
Europe/Oslo CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Paris CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Prague CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Rome CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Stockholm CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Vienna CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Warsaw CET-1CEST,M3.5.0,M10.5.0/3\n\
Europe/Zurich CET-1CEST,M3.5.0,M10.5.0/3\n\
Pacific/Auckland NZST-12NZDT,M9.5.0,M4.1.0/3\n\
Pacific/Honolulu HST10\n\
UTC UTC0\n\
";
