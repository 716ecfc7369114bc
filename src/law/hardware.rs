//! Hardware and cost: accelerator peaks, model FLOPs utilisation (MFU), device-hours,
//! wall-clock days and price; and the inverse, "k devices for t days at MFU m" → C.
//! Device-hours = C / (peak · MFU · 3600), MFU being achieved over peak FLOP/s.

use super::error::{in_range, positive, LawError};

/// One accelerator's dense (no 2:4 sparsity) peak throughput, with its source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accelerator {
    /// Short id for the URL and the command line (`h100`, `tpu-v5p`, …).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Peak dense FLOP/s per device.
    pub peak_flops: f64,
    /// The number format the peak is for.
    pub dtype: &'static str,
    /// Where the peak comes from.
    pub citation: &'static str,
    /// Device memory in bytes, as the datasheet prints it (GB read as 10^9 bytes; GiB as 2^30
    /// where the vendor says GiB). Drivers report slightly less as usable.
    pub memory_bytes: f64,
    /// Where the memory size comes from.
    pub memory_citation: &'static str,
}

impl Accelerator {
    /// "NVIDIA H100 SXM (989 TFLOP/s BF16)", for a picker.
    #[must_use]
    pub fn label(&self) -> String {
        format!(
            "{} ({} TFLOP/s {})",
            self.name,
            self.peak_flops / 1e12,
            self.dtype
        )
    }
}

/// 10^9 bytes.
const GB: f64 = 1e9;
/// 2^30 bytes.
const GIB: f64 = 1_073_741_824.0;

/// The default MFU, 40 %: between Llama 3 405B's reported 38–43 % (Dubey et al. 2024,
/// Table 4) and typical large runs (PaLM 540B 46.2 %, Gopher 32.5 %; Chowdhery et al. 2022,
/// Table 3).
pub const DEFAULT_MFU: f64 = 0.4;

/// Seconds in an hour.
const HOUR: f64 = 3600.0;

/// Accelerator presets, dense BF16 peaks (each entry's `citation` gives its source).
pub const ACCELERATORS: &[Accelerator] = &[
    Accelerator {
        id: "v100",
        name: "NVIDIA V100 SXM2",
        peak_flops: 125e12,
        dtype: "FP16 tensor (the V100 has no BF16)",
        citation: "NVIDIA V100 datasheet, 125 TFLOP/s tensor (secondary sources)",
        memory_bytes: 32.0 * GB,
        memory_citation: "NVIDIA V100 datasheet: 32 GB HBM2 (a 16 GB model also exists)",
    },
    Accelerator {
        id: "a100",
        name: "NVIDIA A100",
        peak_flops: 312e12,
        dtype: "BF16",
        citation:
            "pytorch/torchtitan tools/utils.py; Sardana et al. 2024 cost_calculator.py (3.12e14)",
        memory_bytes: 80.0 * GB,
        memory_citation: "NVIDIA A100 datasheet: 80 GB HBM2e (a 40 GB model also exists)",
    },
    Accelerator {
        id: "h100",
        name: "NVIDIA H100 SXM",
        peak_flops: 989e12,
        dtype: "BF16",
        citation: "pytorch/torchtitan tools/utils.py; Sardana et al. 2024 (9.89e14)",
        memory_bytes: 80.0 * GB,
        memory_citation: "NVIDIA H100 datasheet: H100 SXM 80 GB HBM3",
    },
    Accelerator {
        id: "h100-pcie",
        name: "NVIDIA H100 PCIe",
        peak_flops: 756e12,
        dtype: "BF16",
        citation: "pytorch/torchtitan tools/utils.py",
        memory_bytes: 80.0 * GB,
        memory_citation: "NVIDIA H100 PCIe product brief: 80 GB HBM2e",
    },
    Accelerator {
        id: "h100-nvl",
        name: "NVIDIA H100 NVL",
        peak_flops: 835e12,
        dtype: "BF16",
        citation: "pytorch/torchtitan tools/utils.py",
        memory_bytes: 94.0 * GB,
        memory_citation: "NVIDIA H100 NVL datasheet: 94 GB HBM3 per GPU",
    },
    Accelerator {
        id: "h200",
        name: "NVIDIA H200",
        peak_flops: 989e12,
        dtype: "BF16",
        citation: "pytorch/torchtitan tools/utils.py",
        memory_bytes: 141.0 * GB,
        memory_citation: "NVIDIA H200 datasheet: 141 GB HBM3e",
    },
    Accelerator {
        id: "b200",
        name: "NVIDIA B200",
        peak_flops: 2.25e15,
        dtype: "BF16",
        citation: "pytorch/torchtitan tools/utils.py (Blackwell datasheet)",
        memory_bytes: 180.0 * GB,
        memory_citation: "NVIDIA DGX B200 user guide: 8 B200 GPUs with 1,440 GB in total (180 GB each; 192 GB in the first announcement)",
    },
    Accelerator {
        id: "mi300x",
        name: "AMD MI300X / MI325X",
        peak_flops: 1.3e15,
        dtype: "BF16",
        citation: "pytorch/torchtitan tools/utils.py",
        memory_bytes: 192.0 * GB,
        memory_citation: "AMD Instinct MI300X datasheet: 192 GB HBM3 (the MI325X has 256 GB)",
    },
    Accelerator {
        id: "tpu-v4",
        name: "Google TPU v4",
        peak_flops: 275e12,
        dtype: "BF16",
        citation: "cloud.google.com/tpu/docs (TPU v4)",
        memory_bytes: 32.0 * GIB,
        memory_citation: "cloud.google.com/tpu/docs/v4: 32 GiB HBM2 per chip",
    },
    Accelerator {
        id: "tpu-v5e",
        name: "Google TPU v5e",
        peak_flops: 197e12,
        dtype: "BF16",
        citation: "cloud.google.com/tpu/docs (TPU v5e)",
        memory_bytes: 16.0 * GB,
        memory_citation: "cloud.google.com/tpu/docs/v5e: 16 GB HBM2 per chip",
    },
    Accelerator {
        id: "tpu-v5p",
        name: "Google TPU v5p",
        peak_flops: 459e12,
        dtype: "BF16",
        citation: "cloud.google.com/tpu/docs (TPU v5p)",
        memory_bytes: 95.0 * GB,
        memory_citation: "cloud.google.com/tpu/docs/v5p: 95 GB HBM2e per chip",
    },
];

/// The accelerator with this id (case-insensitive), if any.
#[must_use]
pub fn accelerator(id: &str) -> Option<&'static Accelerator> {
    let id = id.trim().to_ascii_lowercase();
    let id = match id.as_str() {
        "h100-sxm" | "h100sxm" => "h100",
        "mi325x" => "mi300x",
        other => other,
    };
    ACCELERATORS.iter().find(|a| a.id == id)
}

/// `count` devices of `peak_flops` each, running at `mfu`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    /// Peak FLOP/s per device.
    pub peak_flops: f64,
    /// Number of devices.
    pub count: u64,
    /// Model FLOPs utilisation in (0, 1].
    pub mfu: f64,
}

/// How long a training run takes and what it costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingTime {
    /// Device-hours: C / (peak · MFU · 3600).
    pub device_hours: f64,
    /// Wall-clock days with all devices busy.
    pub wall_clock_days: f64,
}

impl TrainingTime {
    /// Cost at `price_per_device_hour` (any currency).
    pub fn cost(&self, price_per_device_hour: f64) -> Result<f64, LawError> {
        if !(price_per_device_hour.is_finite() && price_per_device_hour >= 0.0) {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::Price,
                value: price_per_device_hour,
            });
        }
        let cost = self.device_hours * price_per_device_hour;
        if cost.is_finite() {
            Ok(cost)
        } else {
            Err(LawError::OutOfRange)
        }
    }
}

impl Cluster {
    /// A checked cluster: positive finite peak, at least one device, 0 < MFU ≤ 1.
    pub fn new(peak_flops: f64, count: u64, mfu: f64) -> Result<Self, LawError> {
        positive(crate::law::Input::PeakFlops, peak_flops)?;
        if count == 0 {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::DeviceCount,
                value: 0.0,
            });
        }
        if !(mfu.is_finite() && mfu > 0.0 && mfu <= 1.0) {
            return Err(LawError::InvalidInput {
                what: crate::law::Input::Mfu,
                value: mfu,
            });
        }
        Ok(Cluster {
            peak_flops,
            count,
            mfu,
        })
    }

    /// Useful FLOP/s of one device: peak · MFU.
    #[must_use]
    pub fn device_flops_per_second(&self) -> f64 {
        self.peak_flops * self.mfu
    }

    /// Device-hours and wall-clock days to spend `flops`.
    pub fn training_time(&self, flops: f64) -> Result<TrainingTime, LawError> {
        let flops = super::error::flops(flops)?;
        let device_hours = in_range(flops / (self.device_flops_per_second() * HOUR))?;
        let wall_clock_days = in_range(device_hours / self.count as f64 / 24.0)?;
        Ok(TrainingTime {
            device_hours,
            wall_clock_days,
        })
    }

    /// The compute the cluster delivers in `days` of wall-clock time: the inverse question.
    pub fn flops_in_days(&self, days: f64) -> Result<f64, LawError> {
        positive(crate::law::Input::Days, days)?;
        in_range(self.count as f64 * days * 24.0 * HOUR * self.device_flops_per_second())
    }

    /// The compute delivered by `device_hours` device-hours (independent of the count).
    pub fn flops_in_device_hours(&self, device_hours: f64) -> Result<f64, LawError> {
        positive(crate::law::Input::DeviceHours, device_hours)?;
        in_range(device_hours * HOUR * self.device_flops_per_second())
    }
}
