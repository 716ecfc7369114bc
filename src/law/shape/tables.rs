//! Chinchilla's printed tables of shapes: Table A9 (the models) and Table A4 (FLOPs ratios).

/// Where [`TABLE_A9`] comes from.
pub const TABLE_A9_CITATION: &str =
    "Hoffmann et al. 2022 (Chinchilla), Table A9: model sizes, d_model, ffw_size, kv_size, heads, layers";

/// One row of Chinchilla Table A9, as printed. Every row was trained with vocabulary 32,000
/// (Hoffmann et al. 2022, §4.1) and sequence length 2048 (App. F's setting, S = 2048).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TableA9Row {
    /// The printed parameter count, in millions.
    pub params_million: u32,
    /// d_model.
    pub d_model: u32,
    /// ffw_size (4·d_model in every row).
    pub ffn: u32,
    /// kv_size, the head size.
    pub head_size: u32,
    /// n_heads. heads × head_size differs from d_model in six rows (3,530; 4,084; 11,452;
    /// 12,569; 13,735; 14,940): the attention width is heads × head_size.
    pub heads: u32,
    /// n_layers.
    pub layers: u32,
}

/// Chinchilla Table A9, all 50 rows in printed order (44M to 16,183M). Some secondary copies
/// misprint the 14,940 row as 14,494; this is the paper's value.
pub const TABLE_A9: [TableA9Row; 50] = [
    // params (M), d_model, ffw_size, kv_size, n_heads, n_layers
    a9(44, 512, 2048, 64, 8, 8),
    a9(57, 576, 2304, 64, 9, 9),
    a9(74, 640, 2560, 64, 10, 10),
    a9(90, 640, 2560, 64, 10, 13),
    a9(106, 640, 2560, 64, 10, 16),
    a9(117, 768, 3072, 64, 12, 12),
    a9(140, 768, 3072, 64, 12, 15),
    a9(163, 768, 3072, 64, 12, 18),
    a9(175, 896, 3584, 64, 14, 14),
    a9(196, 896, 3584, 64, 14, 16),
    a9(217, 896, 3584, 64, 14, 18),
    a9(251, 1024, 4096, 64, 16, 16),
    a9(278, 1024, 4096, 64, 16, 18),
    a9(306, 1024, 4096, 64, 16, 20),
    a9(425, 1280, 5120, 128, 10, 18),
    a9(489, 1280, 5120, 128, 10, 21),
    a9(509, 1408, 5632, 128, 11, 18),
    a9(552, 1280, 5120, 128, 10, 24),
    a9(587, 1408, 5632, 128, 11, 21),
    a9(632, 1536, 6144, 128, 12, 19),
    a9(664, 1408, 5632, 128, 11, 24),
    a9(724, 1536, 6144, 128, 12, 22),
    a9(816, 1536, 6144, 128, 12, 25),
    a9(893, 1792, 7168, 128, 14, 20),
    a9(1018, 1792, 7168, 128, 14, 23),
    a9(1143, 1792, 7168, 128, 14, 26),
    a9(1266, 2048, 8192, 128, 16, 22),
    a9(1424, 2176, 8704, 128, 17, 22),
    a9(1429, 2048, 8192, 128, 16, 25),
    a9(1593, 2048, 8192, 128, 16, 28),
    a9(1609, 2176, 8704, 128, 17, 25),
    a9(1731, 2304, 9216, 128, 18, 24),
    a9(1794, 2176, 8704, 128, 17, 28),
    a9(2007, 2304, 9216, 128, 18, 28),
    a9(2283, 2304, 9216, 128, 18, 32),
    a9(2298, 2560, 10240, 128, 20, 26),
    a9(2639, 2560, 10240, 128, 20, 30),
    a9(2980, 2560, 10240, 128, 20, 34),
    a9(3530, 2688, 10752, 128, 22, 36),
    a9(3802, 2816, 11264, 128, 22, 36),
    a9(4084, 2944, 11776, 128, 22, 36),
    a9(4516, 3072, 12288, 128, 24, 36),
    a9(6796, 3584, 14336, 128, 28, 40),
    a9(9293, 4096, 16384, 128, 32, 42),
    a9(11452, 4352, 17408, 128, 32, 47),
    a9(12295, 4608, 18432, 128, 36, 44),
    a9(12569, 4608, 18432, 128, 32, 47),
    a9(13735, 4864, 19456, 128, 32, 47),
    a9(14940, 4992, 19968, 128, 32, 49),
    a9(16183, 5120, 20480, 128, 40, 47),
];

const fn a9(
    params_million: u32,
    d_model: u32,
    ffn: u32,
    head_size: u32,
    heads: u32,
    layers: u32,
) -> TableA9Row {
    TableA9Row {
        params_million,
        d_model,
        ffn,
        head_size,
        heads,
        layers,
    }
}

/// One row of Chinchilla Table A4: a shape and its printed ratio of App. F FLOPs to 6ND.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TableA4Row {
    pub label: &'static str,
    pub layers: u32,
    pub d_model: u32,
    pub ffn: u32,
    pub heads: u32,
    pub head_size: u32,
    pub printed_ratio: f64,
}

/// Chinchilla Table A4 as printed (Hoffmann et al. 2022): vocabulary 32,000, sequence 2048.
pub(crate) const TABLE_A4: [TableA4Row; 6] = [
    // label, n_layers, d_model, ffw_size, n_heads, kv_size, printed ratio
    a4("73M", 10, 640, 2560, 10, 64, 1.03),
    a4("305M", 20, 1024, 4096, 16, 64, 1.10),
    a4("552M", 24, 1280, 5120, 10, 128, 1.08),
    a4("1.1B", 26, 1792, 7168, 14, 128, 1.04),
    a4("1.6B", 28, 2048, 8192, 16, 128, 1.03),
    a4("6.8B", 40, 3584, 14336, 28, 128, 0.99),
];

const fn a4(
    label: &'static str,
    layers: u32,
    d_model: u32,
    ffn: u32,
    heads: u32,
    head_size: u32,
    printed_ratio: f64,
) -> TableA4Row {
    TableA4Row {
        label,
        layers,
        d_model,
        ffn,
        heads,
        head_size,
        printed_ratio,
    }
}
