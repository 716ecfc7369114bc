//! Memory for a model's training state (weights, gradients, optimizer state), sharded or not,
//! and the fewest devices that hold it. Activations are not counted.

use crate::law::error::LawError;

/// Bytes per parameter of each part of the training state.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct StateBytes {
    /// The working copy of the weights.
    pub weights: f64,
    /// The gradients.
    pub gradients: f64,
    /// The optimizer state, including any fp32 master copy of the weights.
    pub optimizer: f64,
}

impl StateBytes {
    /// All three.
    #[must_use]
    pub fn total(&self) -> f64 {
        self.weights + self.gradients + self.optimizer
    }
}

/// A recipe for the numbers a training run keeps per parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recipe {
    /// bf16 weights and gradients, fp32 master weights and Adam moments: 2 + 2 + 12 = 16 bytes
    /// (Rajbhandari et al. 2020, ZeRO, §3.1: mixed-precision Adam, 2Ψ + 2Ψ + 12Ψ). The default.
    MixedAdam,
    /// fp32 weights, gradients and Adam moments: 4 + 4 + 8 = 16 bytes.
    Fp32Adam,
    /// bf16 weights, gradients and Adam moments, no master copy: 2 + 2 + 4 = 8 bytes.
    Bf16Adam,
    /// Mixed precision with 8-bit Adam moments (Dettmers et al. 2022): 2 + 2 + (4 + 2) = 10 bytes.
    MixedAdam8bit,
    /// bf16 weights only, no training state (inference or a frozen model): 2 bytes.
    Bf16Weights,
}

impl Recipe {
    /// Every recipe, the default first.
    pub const ALL: [Recipe; 5] = [
        Recipe::MixedAdam,
        Recipe::Fp32Adam,
        Recipe::Bf16Adam,
        Recipe::MixedAdam8bit,
        Recipe::Bf16Weights,
    ];

    /// Stable id: `mixed-adam`, `fp32-adam`, `bf16-adam`, `mixed-adam-8bit`, `bf16-weights`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Recipe::MixedAdam => "mixed-adam",
            Recipe::Fp32Adam => "fp32-adam",
            Recipe::Bf16Adam => "bf16-adam",
            Recipe::MixedAdam8bit => "mixed-adam-8bit",
            Recipe::Bf16Weights => "bf16-weights",
        }
    }

    /// The recipe with this id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Recipe> {
        let id = id.trim().to_ascii_lowercase();
        Recipe::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Display label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Recipe::MixedAdam => "bf16 + fp32 master weights, Adam (16 B/param)",
            Recipe::Fp32Adam => "fp32, Adam (16 B/param)",
            Recipe::Bf16Adam => "pure bf16, Adam (8 B/param)",
            Recipe::MixedAdam8bit => "bf16 + fp32 master weights, 8-bit Adam (10 B/param)",
            Recipe::Bf16Weights => "bf16 weights only (2 B/param)",
        }
    }

    /// [`Recipe::label`] in `lang` (the command line prints the English).
    #[must_use]
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::shape as cat;
        match self {
            Recipe::MixedAdam => cat::recipe_mixed_adam(lang),
            Recipe::Fp32Adam => cat::recipe_fp32_adam(lang),
            Recipe::Bf16Adam => cat::recipe_bf16_adam(lang),
            Recipe::MixedAdam8bit => cat::recipe_mixed_adam_8bit(lang),
            Recipe::Bf16Weights => cat::recipe_bf16_weights(lang),
        }
    }

    /// Where the byte counts come from.
    #[must_use]
    pub fn citation(self) -> &'static str {
        match self {
            Recipe::MixedAdam => "Rajbhandari et al. 2020 (ZeRO), §3.1: 2Ψ + 2Ψ + KΨ with K = 12",
            Recipe::Fp32Adam => {
                "fp32 weights and gradients (4 + 4) and Adam's two fp32 moments (8)"
            }
            Recipe::Bf16Adam => "bf16 weights, gradients and both Adam moments (2 each)",
            Recipe::MixedAdam8bit => {
                "Dettmers et al. 2022 (8-bit optimizers): Adam's two moments in 1 byte each, \
                 with ZeRO's bf16 weights and gradients and fp32 master weights"
            }
            Recipe::Bf16Weights => "bf16 weights (2 bytes each), nothing else",
        }
    }

    /// Bytes per parameter, part by part.
    #[must_use]
    pub fn bytes(self) -> StateBytes {
        let (weights, gradients, optimizer) = match self {
            Recipe::MixedAdam => (2.0, 2.0, 12.0),
            Recipe::Fp32Adam => (4.0, 4.0, 8.0),
            Recipe::Bf16Adam => (2.0, 2.0, 4.0),
            Recipe::MixedAdam8bit => (2.0, 2.0, 6.0),
            Recipe::Bf16Weights => (2.0, 0.0, 0.0),
        };
        StateBytes {
            weights,
            gradients,
            optimizer,
        }
    }
}

/// How the training state is split over data-parallel devices (Rajbhandari et al. 2020, ZeRO,
/// §5 and Fig. 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sharding {
    /// Every device holds everything (plain data parallelism).
    None,
    /// Optimizer state sharded (ZeRO stage 1, P_os).
    Zero1,
    /// Optimizer state and gradients sharded (ZeRO stage 2, P_os+g).
    Zero2,
    /// Everything sharded (ZeRO stage 3, P_os+g+p; PyTorch FSDP full sharding).
    Zero3,
}

impl Sharding {
    /// Every option, unsharded first.
    pub const ALL: [Sharding; 4] = [
        Sharding::None,
        Sharding::Zero1,
        Sharding::Zero2,
        Sharding::Zero3,
    ];

    /// Stable id: `none`, `zero1`, `zero2`, `zero3`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Sharding::None => "none",
            Sharding::Zero1 => "zero1",
            Sharding::Zero2 => "zero2",
            Sharding::Zero3 => "zero3",
        }
    }

    /// The option with this id (`fsdp` is `zero3`).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Sharding> {
        let id = id.trim().to_ascii_lowercase();
        if id == "fsdp" {
            return Some(Sharding::Zero3);
        }
        Sharding::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Bytes per parameter every device keeps whole, and bytes per parameter split over them.
    fn split(self, bytes: StateBytes) -> (f64, f64) {
        match self {
            Sharding::None => (bytes.total(), 0.0),
            Sharding::Zero1 => (bytes.weights + bytes.gradients, bytes.optimizer),
            Sharding::Zero2 => (bytes.weights, bytes.gradients + bytes.optimizer),
            Sharding::Zero3 => (0.0, bytes.total()),
        }
    }
}

/// The training state of a model on `devices` devices.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MemoryPlan {
    /// The recipe's id.
    pub recipe: &'static str,
    /// The sharding's id.
    pub sharding: &'static str,
    /// Parameters.
    pub n_params: f64,
    /// Bytes per parameter, all parts.
    pub bytes_per_param: f64,
    /// Bytes of the whole state, counted once.
    pub total_bytes: f64,
    /// Devices it is spread over.
    pub devices: u64,
    /// Bytes on each device: the replicated parts whole, the sharded ones divided by `devices`.
    pub per_device_bytes: f64,
}

fn check_params(n_params: f64) -> Result<f64, LawError> {
    if n_params.is_finite() && n_params > 0.0 {
        Ok(n_params)
    } else {
        Err(LawError::InvalidInput {
            what: crate::law::Input::ParameterCount,
            value: n_params,
        })
    }
}

/// The training state of `n_params` parameters under `recipe`, sharded as `sharding` over
/// `devices` devices (at least one).
pub fn model_state(
    n_params: f64,
    recipe: Recipe,
    sharding: Sharding,
    devices: u64,
) -> Result<MemoryPlan, LawError> {
    check_params(n_params)?;
    if devices == 0 {
        return Err(LawError::InvalidInput {
            what: crate::law::Input::DeviceCount,
            value: 0.0,
        });
    }
    let bytes = recipe.bytes();
    let (whole, split) = sharding.split(bytes);
    let per_device_bytes = n_params * whole + n_params * split / devices as f64;
    let total_bytes = n_params * bytes.total();
    if !(per_device_bytes.is_finite() && total_bytes.is_finite()) {
        return Err(LawError::OutOfRange);
    }
    Ok(MemoryPlan {
        recipe: recipe.id(),
        sharding: sharding.id(),
        n_params,
        bytes_per_param: bytes.total(),
        total_bytes,
        devices,
        per_device_bytes,
    })
}

/// The fewest devices of `device_memory_bytes` each that hold the training state, or `None` if
/// no number of them can: unsharded state larger than one device, or (ZeRO 1 and 2) the
/// replicated part alone filling a device.
pub fn fewest_devices(
    n_params: f64,
    recipe: Recipe,
    sharding: Sharding,
    device_memory_bytes: f64,
) -> Result<Option<u64>, LawError> {
    check_params(n_params)?;
    if !(device_memory_bytes.is_finite() && device_memory_bytes > 0.0) {
        return Err(LawError::InvalidInput {
            what: crate::law::Input::DeviceMemory,
            value: device_memory_bytes,
        });
    }
    let (whole, split) = sharding.split(recipe.bytes());
    let room = device_memory_bytes - n_params * whole;
    if room < 0.0 || (room == 0.0 && split > 0.0) {
        return Ok(None);
    }
    if split == 0.0 {
        return Ok(Some(1));
    }
    let devices = (n_params * split / room).ceil().max(1.0);
    if !(devices.is_finite() && devices < 1e18) {
        return Err(LawError::OutOfRange);
    }
    let mut devices = devices as u64;
    // Guard the rounding of the division: the answer must fit.
    while n_params * whole + n_params * split / devices as f64 > device_memory_bytes {
        devices += 1;
    }
    Ok(Some(devices))
}
