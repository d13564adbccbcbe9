//! The bundled example: the seeds' Contoso Coffee rule over a handful of
//! varied cases, so that `host-sim` with no argument shows the product at work.

/// The scenario's name as shown in output.
pub const DEMO_LABEL: &str = "demo-contoso.json";

/// The scenario text (`tests/scenarios/demo-contoso.json`, part of the shared corpus).
pub const DEMO_SCENARIO: &str = include_str!("../../tests/scenarios/demo-contoso.json");
