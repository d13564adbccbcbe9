//! Lowercasing one character from a compact table, for text compared
//! without regard to case.
//!
//! Written here rather than calling `char::to_lowercase`: the standard
//! library's table (one entry per character, some 1,400 of them) and the
//! final-sigma logic of `str::to_lowercase` cost about 6 KB of the gzipped
//! wasm module. Unicode's lowercase mappings mostly come in runs (`A`..`Z`
//! shift by 32; Latin Extended-A alternates upper and lower), so 186 runs
//! hold the same mappings. A test checks every character against the
//! standard library, and prints a new table when a Rust release brings a
//! new Unicode version.
//!
//! Two mappings differ from `to_lowercase`, on purpose, because the result
//! is only ever compared: `İ` (U+0130) becomes `i` (not `i` and a combining
//! dot), so `İstanbul` equals `istanbul`; and the final sigma `ς` becomes
//! `σ`, so a word matches whichever sigma it was written with.

/// The lowercase form of `ch`, or `ch` itself when it has none.
#[must_use]
pub fn lower_char(ch: char) -> char {
    if ch.is_ascii() {
        return ch.to_ascii_lowercase();
    }
    let code = u32::from(ch);
    let after = RUNS.partition_point(|&(key, _)| key >> 8 <= code);
    let Some(&(key, delta)) = after.checked_sub(1).and_then(|index| RUNS.get(index)) else {
        return ch;
    };
    let offset = code - (key >> 8);
    let count = (key >> 1) & 0x7f;
    let step = 1 + (key & 1);
    if offset % step != 0 || offset / step >= count {
        return ch;
    }
    char::from_u32(code.wrapping_add_signed(delta)).unwrap_or(ch)
}

/// Runs of characters whose lowercase form is the character plus `delta`:
/// `(start << 8 | count << 1 | alternate, delta)`, where the run covers
/// `count` characters from `start`, every character (`alternate` 0) or
/// every other one (`alternate` 1). Sorted by start.
#[rustfmt::skip]
const RUNS: [(u32, i32); RUN_COUNT] = [
    (0x0000_c02e, 32), (0x0000_d80e, 32), (0x0001_0031, 1), (0x0001_3002, -199),
    (0x0001_3207, 1), (0x0001_3911, 1), (0x0001_4a2f, 1), (0x0001_7802, -121),
    (0x0001_7907, 1), (0x0001_8102, 210), (0x0001_8205, 1), (0x0001_8602, 206),
    (0x0001_8702, 1), (0x0001_8904, 205), (0x0001_8b02, 1), (0x0001_8e02, 79),
    (0x0001_8f02, 202), (0x0001_9002, 203), (0x0001_9102, 1), (0x0001_9302, 205),
    (0x0001_9402, 207), (0x0001_9602, 211), (0x0001_9702, 209), (0x0001_9802, 1),
    (0x0001_9c02, 211), (0x0001_9d02, 213), (0x0001_9f02, 214), (0x0001_a007, 1),
    (0x0001_a602, 218), (0x0001_a702, 1), (0x0001_a902, 218), (0x0001_ac02, 1),
    (0x0001_ae02, 218), (0x0001_af02, 1), (0x0001_b104, 217), (0x0001_b305, 1),
    (0x0001_b702, 219), (0x0001_b802, 1), (0x0001_bc02, 1), (0x0001_c402, 2),
    (0x0001_c502, 1), (0x0001_c702, 2), (0x0001_c802, 1), (0x0001_ca02, 2),
    (0x0001_cb13, 1), (0x0001_de13, 1), (0x0001_f102, 2), (0x0001_f205, 1),
    (0x0001_f602, -97), (0x0001_f702, -56), (0x0001_f829, 1), (0x0002_2002, -130),
    (0x0002_2213, 1), (0x0002_3a02, 10795), (0x0002_3b02, 1), (0x0002_3d02, -163),
    (0x0002_3e02, 10792), (0x0002_4102, 1), (0x0002_4302, -195), (0x0002_4402, 69),
    (0x0002_4502, 71), (0x0002_460b, 1), (0x0003_7005, 1), (0x0003_7602, 1),
    (0x0003_7f02, 116), (0x0003_8602, 38), (0x0003_8806, 37), (0x0003_8c02, 64),
    (0x0003_8e04, 63), (0x0003_9122, 32), (0x0003_a312, 32), (0x0003_c202, 1),
    (0x0003_cf02, 8), (0x0003_d819, 1), (0x0003_f402, -60), (0x0003_f702, 1),
    (0x0003_f902, -7), (0x0003_fa02, 1), (0x0003_fd06, -130), (0x0004_0020, 80),
    (0x0004_1040, 32), (0x0004_6023, 1), (0x0004_8a37, 1), (0x0004_c002, 15),
    (0x0004_c10f, 1), (0x0004_d061, 1), (0x0005_314c, 48), (0x0010_a04c, 7264),
    (0x0010_c702, 7264), (0x0010_cd02, 7264), (0x0013_a0a0, 38864), (0x0013_f00c, 8),
    (0x001c_8902, 1), (0x001c_9056, -3008), (0x001c_bd06, -3008), (0x001e_0097, 1),
    (0x001e_9e02, -7615), (0x001e_a061, 1), (0x001f_0810, -8), (0x001f_180c, -8),
    (0x001f_2810, -8), (0x001f_3810, -8), (0x001f_480c, -8), (0x001f_5909, -8),
    (0x001f_6810, -8), (0x001f_8810, -8), (0x001f_9810, -8), (0x001f_a810, -8),
    (0x001f_b804, -8), (0x001f_ba04, -74), (0x001f_bc02, -9), (0x001f_c808, -86),
    (0x001f_cc02, -9), (0x001f_d804, -8), (0x001f_da04, -100), (0x001f_e804, -8),
    (0x001f_ea04, -112), (0x001f_ec02, -7), (0x001f_f804, -128), (0x001f_fa04, -126),
    (0x001f_fc02, -9), (0x0021_2602, -7517), (0x0021_2a02, -8383), (0x0021_2b02, -8262),
    (0x0021_3202, 28), (0x0021_6020, 16), (0x0021_8302, 1), (0x0024_b634, 26),
    (0x002c_0060, 48), (0x002c_6002, 1), (0x002c_6202, -10743), (0x002c_6302, -3814),
    (0x002c_6402, -10727), (0x002c_6707, 1), (0x002c_6d02, -10780), (0x002c_6e02, -10749),
    (0x002c_6f02, -10783), (0x002c_7002, -10782), (0x002c_7202, 1), (0x002c_7502, 1),
    (0x002c_7e04, -10815), (0x002c_8065, 1), (0x002c_eb05, 1), (0x002c_f202, 1),
    (0x00a6_402f, 1), (0x00a6_801d, 1), (0x00a7_220f, 1), (0x00a7_323f, 1),
    (0x00a7_7905, 1), (0x00a7_7d02, -35332), (0x00a7_7e0b, 1), (0x00a7_8b02, 1),
    (0x00a7_8d02, -42280), (0x00a7_9005, 1), (0x00a7_9615, 1), (0x00a7_aa02, -42308),
    (0x00a7_ab02, -42319), (0x00a7_ac02, -42315), (0x00a7_ad02, -42305), (0x00a7_ae02, -42308),
    (0x00a7_b002, -42258), (0x00a7_b102, -42282), (0x00a7_b202, -42261), (0x00a7_b302, 928),
    (0x00a7_b411, 1), (0x00a7_c402, -48), (0x00a7_c502, -42307), (0x00a7_c602, -35384),
    (0x00a7_c705, 1), (0x00a7_cb02, -42343), (0x00a7_cc11, 1), (0x00a7_dc02, -42561),
    (0x00a7_f502, 1), (0x00ff_2134, 32), (0x0104_0050, 40), (0x0104_b048, 40),
    (0x0105_7016, 39), (0x0105_7c1e, 39), (0x0105_8c0e, 39), (0x0105_9404, 39),
    (0x010c_8066, 64), (0x010d_502c, 32), (0x0118_a040, 32), (0x016e_4040, 32),
    (0x016e_a032, 27), (0x01e9_0044, 34),
];

const RUN_COUNT: usize = 186;

#[cfg(test)]
mod tests {
    use super::*;

    /// What `lower_char` must give: the standard library's single-character
    /// lowercase, with the two deliberate differences.
    fn expected(ch: char) -> char {
        match ch {
            '\u{130}' => 'i',
            'ς' => 'σ',
            _ => {
                let mut lower = ch.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(only), None) => only,
                    _ => ch,
                }
            }
        }
    }

    /// The table for this toolchain's Unicode version, greedily cut into
    /// runs of equal delta, stepping by one or two.
    fn generate() -> Vec<(u32, i32)> {
        let mappings: Vec<(u32, i64)> = (0x80..=0x0010_FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&ch| expected(ch) != ch)
            .map(|ch| (u32::from(ch), i64::from(u32::from(expected(ch))) - i64::from(u32::from(ch))))
            .collect();
        let mut runs = Vec::new();
        let mut rest = mappings.as_slice();
        while let Some(&(start, delta)) = rest.first() {
            let run_length = |step: u32| {
                (1_u32..0x7f).take_while(|&n| rest.get(n as usize) == Some(&(start + n * step, delta))).count() + 1
            };
            let (alternate, count) =
                if run_length(2) > run_length(1) { (1, run_length(2)) } else { (0, run_length(1)) };
            let key = start << 8 | u32::try_from(count).unwrap_or(0) << 1 | alternate;
            runs.push((key, i32::try_from(delta).unwrap_or(0)));
            rest = rest.get(count..).unwrap_or_default();
        }
        runs
    }

    #[test]
    fn the_table_is_this_toolchains_unicode() {
        let runs = generate();
        if runs != RUNS {
            let lines: Vec<String> = runs
                .iter()
                .map(|(key, delta)| format!("({:#06x}_{:04x}, {delta}),", key >> 16, key & 0xffff))
                .collect();
            panic!(
                "the lowercase table is out of date; replace RUNS with these {} runs:\n{}",
                runs.len(),
                lines.join("\n")
            );
        }
    }

    #[test]
    fn every_character_lowers_as_expected() {
        for ch in (0..=0x0010_FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(lower_char(ch), expected(ch), "U+{:04X}", u32::from(ch));
        }
    }
}
