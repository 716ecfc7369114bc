//! Reading runs: rows used or listed with their reasons, quoted fields, envelope points told
//! from runs, sweeps as people export them.
use super::*;

#[test]
fn bad_rows_are_listed_with_line_numbers() {
    let text =
        "params,tokens,loss\n1e9,2e10,2.5\n\n# comment\nabc,2e10,2.5\n1e9,-1,2.5\n1e9,2e10\n";
    let ds = parse_runs(text).unwrap();
    assert_eq!(ds.runs.len(), 1);
    // C = 6ND filled in: 6 · 1e9 · 2e10 = 1.2e20 (hand computation).
    assert!((ds.runs[0].flops - 1.2e20).abs() < 1e6);
    let lines: Vec<usize> = ds.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![5, 6, 7]);
    assert!(ds.skipped[0].reason.to_string().contains("not a number"));
    assert!(ds.skipped[1].reason.to_string().contains("positive"));
    assert!(ds.skipped[2].reason.to_string().contains("missing"));
}

/// Files as spreadsheets export them: a quoted name holding the separator, a doubled quote,
/// comments, blank lines and a tab-separated file. Expected values are the hand-typed rows.
#[test]
fn quoted_fields_keep_their_separators_and_rows_their_line_numbers() {
    let text = "name,params,tokens,loss\n# exported\n\"model, 1B\",1e9,2e10,2.5\n\n\"a \"\"big\"\", 2B\",2e9,4e10,2.3\n\"unclosed, 1B,1e9,2e10,2.5\nplain \"x,3e9,6e10,2.2\n";
    let ds = parse_runs(text).unwrap();
    let got: Vec<(usize, f64, f64)> = ds
        .runs
        .iter()
        .map(|r| (r.line, r.n_params, r.loss))
        .collect();
    assert_eq!(got, vec![(3, 1e9, 2.5), (5, 2e9, 2.3), (7, 3e9, 2.2)]);
    assert_eq!(ds.skipped.len(), 1);
    assert_eq!(ds.skipped[0].line, 6);
    assert!(
        ds.skipped[0].reason.to_string().contains("quoted field"),
        "{:?}",
        ds.skipped
    );
    let tsv = parse_runs("N\tD\tloss\n\"1e9\"\t2e10\t2.5\n# note\n2e9\t4e10\t2.3\n").unwrap();
    assert_eq!(tsv.separator, '\t');
    let lines: Vec<usize> = tsv.runs.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 4]);
}

#[test]
fn missing_columns_and_headers_are_typed_errors() {
    assert_eq!(parse_runs(""), Err(FitError::NoHeader));
    assert_eq!(parse_runs("1,2,3\n4,5,6"), Err(FitError::NoHeader));
    assert!(matches!(
        parse_runs("params,loss\n1,2"),
        Err(FitError::MissingColumn { .. })
    ));
}

/// `C,N_opt` without a loss column reads as envelope points (D = C/(6N), hand computed);
/// runs with a loss column, or text without an N column, do not.
#[test]
fn envelope_points_are_told_from_runs() {
    let (points, skipped) = read_envelope("C,N_opt\n6e20,1e10\n6e21,x\n").unwrap();
    assert_eq!(points.len(), 1);
    assert_eq!((points[0].flops, points[0].n_params), (6e20, 1e10));
    assert!((points[0].n_tokens / 1e10 - 1.0).abs() < 1e-12);
    assert_eq!(skipped[0].line, 3);
    let with_d = read_envelope("C,N_opt,D_opt\n6e20,1e10,2e10\n").unwrap().0;
    assert_eq!(with_d[0].n_tokens, 2e10);
    assert!(read_envelope("params,tokens,loss\n1e9,2e10,2.5\n").is_none());
    assert!(read_envelope("C,loss\n1e20,2.5\n").is_none());
    assert!(read_envelope("  ").is_none());
}

#[test]
fn drop_highest_loss_removes_the_k_largest() {
    let text = "n,d,loss\n1,1,3\n1,1,5\n1,1,4\n1,1,1\n";
    let mut ds = parse_runs(text).unwrap();
    ds.drop_highest_loss(2);
    let kept: Vec<f64> = ds.runs.iter().map(|r| r.loss).collect();
    assert_eq!(kept, vec![3.0, 1.0]);
    let dropped: Vec<usize> = ds.dropped.iter().map(|r| r.line).collect();
    assert_eq!(dropped, vec![3, 4]);
}

/// A sweep logged as compute budget and tokens (as Llama 3's Fig. 2 is digitised): N = C/(6D),
/// said in the column map; renamed to `flops,tokens,loss` it reads the same.
#[test]
fn compute_and_tokens_give_the_params() {
    for text in [
        "compute_budget,training_tokens,validation_loss\n6e18,1e10,3.1\n6e18,2.5e9,3.2\n",
        "flops,tokens,loss\n6e18,1e10,3.1\n6e18,2.5e9,3.2\n",
    ] {
        let ds = parse_runs(text).unwrap();
        assert!(ds.skipped.is_empty(), "{:?}", ds.skipped);
        // By hand: 6e18 / (6 · 1e10) = 1e8 and 6e18 / (6 · 2.5e9) = 4e8.
        let n: Vec<f64> = ds.runs.iter().map(|r| r.n_params).collect();
        assert!((n[0] / 1e8 - 1.0).abs() < 1e-12 && (n[1] / 4e8 - 1.0).abs() < 1e-12);
        assert_eq!(ds.runs[0].flops, 6e18);
        let mapping = ds.columns.mapping(Lang::En);
        assert_eq!(mapping[0], ("N", "computed as C/(6D)".to_string()));
    }
    let llama =
        parse_runs("compute_budget,training_tokens,validation_loss\n6e18,1e10,3.1\n").unwrap();
    assert_eq!(
        llama.columns.mapping(Lang::En)[2],
        ("C", "the budget, “compute_budget” (column 1)".to_string())
    );
}

/// Counts as people write them in notes, and a header's unit.
#[test]
fn counts_as_written_in_notes() {
    let ds =
        parse_runs("params,tokens,loss\n70M,1.4B,3.0\n1.4B,2.6T,2.5\n7e9,700亿,2.2\n").unwrap();
    assert!(ds.skipped.is_empty(), "{:?}", ds.skipped);
    let nd: Vec<(f64, f64)> = ds.runs.iter().map(|r| (r.n_params, r.n_tokens)).collect();
    assert_eq!(nd, [(7e7, 1.4e9), (1.4e9, 2.6e12), (7e9, 7e10)]);
    let scaled = parse_runs("params (B),tokens (B),loss\n7,140,2.5\n").unwrap();
    assert_eq!(
        (scaled.runs[0].n_params, scaled.runs[0].n_tokens),
        (7e9, 1.4e11)
    );
    // C = 6ND by hand: 6 · 7e9 · 1.4e11 = 5.88e21.
    assert!((scaled.runs[0].flops / 5.88e21 - 1.0).abs() < 1e-12);
}

/// Fewer than two of N, D and C is refused, naming what is needed; extra columns are ignored.
#[test]
fn fewer_than_two_of_n_d_c_is_refused() {
    let err = parse_runs("flops,loss,notes\n1e18,3.0,x\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "needs two of the columns params (N), tokens (D) and FLOPs (C), a budget column standing for C; found fewer (headers: flops, loss, notes)"
    );
    let chosen = crate::fit::runs::parse_choice("flops=a,tokens=b,loss=c").unwrap();
    let ds = crate::fit::parse_runs_with("a,b,c,extra\n6e18,1e10,3.1,ignored\n", &chosen).unwrap();
    assert_eq!(ds.runs.len(), 1);
    assert!((ds.runs[0].n_params / 1e8 - 1.0).abs() < 1e-12);
}

/// Envelope points under headers that are not recognised are read once the reader names them.
#[test]
fn chosen_columns_read_envelope_points() {
    let text = "x,y\n1e21,3e10\n1e22,9e10\n";
    assert!(read_envelope(text).is_none());
    let chosen = crate::fit::runs::parse_choice("flops=x,params=y").unwrap();
    let (points, skipped) = read_envelope_with(text, &chosen).unwrap();
    assert!(skipped.is_empty());
    // D = C/(6N) by hand: 1e21 / (6 · 3e10) = 5.5556e9.
    assert_eq!((points[0].flops, points[0].n_params), (1e21, 3e10));
    assert!((points[0].n_tokens / (1e21 / 1.8e11) - 1.0).abs() < 1e-12);
}
