//! The sweep planner's design fields: what each sets in the configuration, how it reads, and
//! which of the design's problems shows beneath it.

use leptos::prelude::*;

use crate::app::field::Field;
use crate::app::lang::use_lang;
use crate::fit::design::DesignField;
use crate::i18n::{sweep as t, Lang};
use crate::law::quantity::field::{self as parse, Parser};
use crate::permalink::{field_text, Config, PlanConfig};
use crate::plan::planner::PlannerSetup;

/// One of the design's fields: what it sets in the configuration, how it reads, and which
/// problem of the design belongs under it.
#[derive(Clone, Copy)]
pub(super) struct Input {
    id: &'static str,
    label: fn(Lang) -> &'static str,
    hint: fn(Lang) -> &'static str,
    quantity: fn(Lang) -> &'static str,
    parse: Parser,
    field: DesignField,
    get: fn(&PlanConfig) -> Option<f64>,
    set: fn(&mut PlanConfig, Option<f64>),
}

pub(super) const INPUTS: [Input; 9] = [
    Input {
        id: "plan-target",
        label: t::label_target,
        hint: t::hint_target,
        quantity: crate::i18n::fields::quantity_flops,
        parse: parse::optional_flops,
        field: DesignField::Target,
        get: |p| p.target,
        set: |p, v| p.target = v,
    },
    Input {
        id: "plan-spend",
        label: t::label_spend,
        hint: t::hint_spend,
        quantity: crate::i18n::fields::quantity_flops,
        parse: parse::optional_flops,
        field: DesignField::SweepFlops,
        get: |p| p.spend,
        set: |p, v| p.spend = v,
    },
    Input {
        id: "plan-budgets",
        label: t::label_budgets,
        hint: t::hint_budgets,
        quantity: t::quantity_whole,
        parse: parse::sweep_budgets,
        field: DesignField::Budgets,
        get: |p| p.budgets.map(|x| x as f64),
        set: |p, v| p.budgets = v.map(|x| x as u64),
    },
    Input {
        id: "plan-spacing",
        label: t::label_spacing,
        hint: t::hint_spacing,
        quantity: t::quantity_number,
        parse: parse::sweep_spacing,
        field: DesignField::Spacing,
        get: |p| p.spacing,
        set: |p, v| p.spacing = v,
    },
    Input {
        id: "plan-sizes",
        label: t::label_sizes,
        hint: t::hint_sizes,
        quantity: t::quantity_whole,
        parse: parse::sweep_sizes,
        field: DesignField::Sizes,
        get: |p| p.sizes.map(|x| x as f64),
        set: |p, v| p.sizes = v.map(|x| x as u64),
    },
    Input {
        id: "plan-width",
        label: t::label_width,
        hint: t::hint_width,
        quantity: t::quantity_number,
        parse: parse::sweep_width,
        field: DesignField::Width,
        get: |p| p.width,
        set: |p, v| p.width = v,
    },
    Input {
        id: "plan-offset",
        label: t::label_offset,
        hint: t::hint_offset,
        quantity: t::quantity_number,
        parse: parse::sweep_offset,
        field: DesignField::Offset,
        get: |p| p.offset,
        set: |p, v| p.offset = v,
    },
    Input {
        id: "plan-noise",
        label: t::label_noise,
        hint: t::hint_noise,
        quantity: t::quantity_number,
        parse: parse::sweep_noise,
        field: DesignField::Noise,
        get: |p| p.noise_percent,
        set: |p, v| p.noise_percent = v,
    },
    Input {
        id: "plan-simulations",
        label: t::label_simulations,
        hint: t::hint_simulations,
        quantity: t::quantity_whole,
        parse: parse::sweep_simulations,
        field: DesignField::Simulations,
        get: |p| p.simulations.map(|x| x as f64),
        set: |p, v| p.simulations = v.map(|x| x as u64),
    },
];

/// A design field: the text as typed; a usable value goes to the configuration; under it the
/// reading's error, else the design's problem with this field, else the hint.
pub(super) fn input_view(
    input: Input,
    config: RwSignal<Config>,
    setup: Memo<PlannerSetup>,
    active: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let initial = config.with_untracked(|c| (input.get)(&c.planner));
    let text = RwSignal::new(initial.map(field_text).unwrap_or_default());
    let error = Signal::derive(move || {
        let lang = lang.get();
        let parsed = text.with(|s| (input.parse)(s));
        match parsed {
            Err(e) => Some(e.message_in(lang, (input.quantity)(lang), (input.hint)(lang))),
            Ok(_) => setup.with(|s| s.problem(input.field, lang)),
        }
    });
    let on_input = Callback::new(move |typed: String| {
        active.set(true);
        if let Ok(value) = (input.parse)(&typed) {
            config.update(|c| (input.set)(&mut c.planner, value));
        }
    });
    let hint = Signal::derive(move || (input.hint)(lang.get()));
    view! {
        <Field id=input.id label=move || (input.label)(lang.get()) hint=hint value=text
            error=error on_input=on_input />
    }
}
