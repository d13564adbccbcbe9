//! The report's charts as inline SVG, written here: four plain charts (bars,
//! a heat map, stacked bars) take about 150 lines, need no script to draw,
//! print, and keep the report self-contained; an inlined chart library would
//! add 50-200 KB of JavaScript to every report and a dependency to keep.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use html_escape::encode_text;

/// Colours of the outcome kinds, in [`crate::summary::OUTCOME_KINDS`] order.
pub const OUTCOME_COLOURS: [&str; 9] =
    ["#2f7d32", "#c62828", "#81c784", "#f9a825", "#ffb74d", "#90a4ae", "#8e24aa", "#b0bec5", "#e0e0e0"];

const WIDTH: u32 = 560;
const HEIGHT: u32 = 220;
const LEFT: u32 = 44;
const BOTTOM: u32 = 36;

/// A bar chart of `(label, value)` pairs.
#[must_use]
pub fn bars(title: &str, bars: &[(String, u64)], colour: &str) -> String {
    let mut svg = open(title, HEIGHT);
    let max = bars.iter().map(|(_, value)| *value).max().unwrap_or(0).max(1);
    let plot_height = HEIGHT - BOTTOM - 24;
    let count = u32::try_from(bars.len()).unwrap_or(u32::MAX).max(1);
    let slot = (WIDTH - LEFT - 8) / count;
    let bar_width = slot.saturating_sub(2).max(1);
    axis(&mut svg, max, plot_height);
    let label_every = (count / 12).max(1);
    for (index, (label, value)) in bars.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(0);
        let height = scale(*value, max, plot_height);
        let x = LEFT + index * slot + 1;
        let y = 16 + plot_height - height;
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{y}" width="{bar_width}" height="{height}" fill="{colour}"><title>{}: {value}</title></rect>"#,
            encode_text(label)
        );
        if index % label_every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
                x + bar_width / 2,
                HEIGHT - BOTTOM + 14,
                encode_text(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A weekday-by-hour heat map (Monday first).
#[must_use]
pub fn heat_map(title: &str, counts: &[[u64; 24]; 7]) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut svg = open(title, 190);
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    let cell = (WIDTH - LEFT - 8) / 24;
    for (day, hours) in counts.iter().enumerate() {
        let day_index = u32::try_from(day).unwrap_or(0);
        let y = 8 + day_index * 20;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>"#,
            LEFT - 6,
            y + 14,
            DAYS.get(day).unwrap_or(&"")
        );
        for (hour, count) in hours.iter().enumerate() {
            let hour_index = u32::try_from(hour).unwrap_or(0);
            #[expect(clippy::cast_precision_loss, reason = "a shade for people")]
            let opacity = if *count == 0 { 0.04 } else { 0.15 + 0.85 * (*count as f64 / max as f64) };
            let _ = write!(
                svg,
                r##"<rect x="{}" y="{y}" width="{}" height="18" fill="#1565c0" fill-opacity="{opacity:.2}"><title>{} {hour:02}:00: {count}</title></rect>"##,
                LEFT + hour_index * cell,
                cell - 1,
                DAYS.get(day).unwrap_or(&""),
            );
        }
    }
    for hour in (0..24).step_by(3) {
        let _ = write!(
            svg,
            r#"<text x="{}" y="160" font-size="10" text-anchor="middle">{hour:02}h</text>"#,
            LEFT + hour * cell + cell / 2
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Stacked horizontal bars: for each row, its counts per kind.
#[must_use]
pub fn stacked(title: &str, rows: &[(String, BTreeMap<&'static str, u64>)], kinds: &[&str]) -> String {
    let row_height = 22;
    let height = u32::try_from(rows.len()).unwrap_or(0) * row_height + 66;
    let mut svg = open(title, height);
    let label_width = 150;
    let plot = WIDTH - label_width - 10;
    for (index, (label, counts)) in rows.iter().enumerate() {
        let y = 6 + u32::try_from(index).unwrap_or(0) * row_height;
        let total: u64 = counts.values().sum::<u64>().max(1);
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>"#,
            label_width - 6,
            y + 14,
            encode_text(label)
        );
        let mut x = label_width;
        for (kind, colour) in kinds.iter().zip(OUTCOME_COLOURS) {
            let count = counts.get(kind).copied().unwrap_or(0);
            let width = scale(count, total, plot);
            if width > 0 {
                let _ = write!(
                    svg,
                    r#"<rect x="{x}" y="{y}" width="{width}" height="18" fill="{colour}"><title>{}: {kind}: {count}</title></rect>"#,
                    encode_text(label)
                );
            }
            x += width;
        }
    }
    // The legend: three kinds a line.
    for (index, (kind, colour)) in kinds.iter().zip(OUTCOME_COLOURS).enumerate() {
        let index = u32::try_from(index).unwrap_or(0);
        let (lx, ly) = (4 + (index % 3) * 185, height - 54 + (index / 3) * 16);
        let _ = write!(
            svg,
            r#"<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colour}"/><text x="{}" y="{}" font-size="10">{kind}</text>"#,
            lx + 13,
            ly + 9
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(title: &str, height: u32) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        html_escape::encode_double_quoted_attribute(title),
        encode_text(title)
    )
}

fn axis(svg: &mut String, max: u64, plot_height: u32) {
    let _ = write!(svg, r##"<line x1="{LEFT}" y1="16" x2="{LEFT}" y2="{}" stroke="#999"/>"##, 16 + plot_height);
    let _ =
        write!(svg, r##"<line x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}" stroke="#999"/>"##, 16 + plot_height, WIDTH - 8);
    let _ = write!(svg, r#"<text x="{}" y="22" font-size="10" text-anchor="end">{max}</text>"#, LEFT - 4);
    let _ = write!(svg, r#"<text x="{}" y="{}" font-size="10" text-anchor="end">0</text>"#, LEFT - 4, 16 + plot_height);
}

fn scale(value: u64, max: u64, length: u32) -> u32 {
    let scaled = u128::from(value) * u128::from(length) / u128::from(max.max(1));
    u32::try_from(scaled).unwrap_or(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_svg_with_their_values_as_tooltips() {
        let chart = bars("Follow-ups per case", &[("0".into(), 3), ("1 <b>".into(), 5)], "#333");
        assert!(chart.starts_with("<svg") && chart.ends_with("</svg>"));
        assert!(chart.contains("<title>1 &lt;b&gt;: 5</title>"), "{chart}");
        let mut counts = [[0; 24]; 7];
        counts[0][9] = 4;
        assert!(heat_map("Sends", &counts).contains("<title>Mon 09:00: 4</title>"));
        let rows = vec![("vip".to_owned(), BTreeMap::from([("resolved", 2)]))];
        assert!(stacked("Outcomes", &rows, &["resolved"]).contains("<title>vip: resolved: 2</title>"));
    }
}
