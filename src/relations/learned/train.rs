//! Training the pair classifier: logistic regression by stochastic
//! gradient descent over hashed binary features, with weight averaging and
//! a deterministic shuffle, so the same examples give the same bytes.

use super::PairModel;

/// One training pair: its feature hashes and whether it is related.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Feature hashes ([`super::features::pair_features`]).
    pub feats: Vec<u64>,
    /// The annotators relate the two mentions.
    pub related: bool,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// log2 of the weight rows.
    pub rows_log2: u32,
    /// Initial learning rate.
    pub rate: f32,
    /// L2 shrinkage per update of a touched weight.
    pub l2: f32,
    /// Weight of a related example relative to an unrelated one.
    pub positive_weight: f32,
    /// Shuffle seed.
    pub seed: u64,
    /// Threshold stored in the model.
    pub threshold: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self { epochs: 5, rows_log2: 16, rate: 0.02, l2: 1e-4, positive_weight: 1.0, seed: 7, threshold: 0.5 }
    }
}

/// Train a model on `examples`.
#[must_use]
pub fn train(examples: &[Example], options: &TrainOptions) -> PairModel {
    let mut model = PairModel::zeros(options.rows_log2, options.threshold);
    // Averaging without touching every weight per step: `late` sums each
    // update times the step it happened at; the average is w - late / steps.
    let mut late = vec![0.0f64; 1 << options.rows_log2];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = options.seed | 1;
    let mut steps = 1.0f64;
    for epoch in 0..options.epochs {
        crate::shuffle::shuffle(&mut order, &mut state);
        let rate = options.rate / (1.0 + epoch as f32 * 0.5);
        for &i in &order {
            let ex = &examples[i];
            let p = model.probability(&ex.feats);
            let (y, w) = if ex.related { (1.0, options.positive_weight) } else { (0.0, 1.0) };
            let g = rate * w * (y - p);
            for &h in &ex.feats {
                let r = model.row(h);
                let x = &mut model.weights_mut()[r];
                let delta = g - rate * options.l2 * *x;
                *x += delta;
                late[r] += steps * f64::from(delta);
            }
            steps += 1.0;
        }
    }
    for (x, l) in model.weights_mut().iter_mut().zip(&late) {
        *x = (f64::from(*x) - l / steps) as f32;
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_training_run_learns_its_examples() {
        let ex = |feats: &[u64], related| Example { feats: feats.to_vec(), related };
        let examples = [
            ex(&[1 << 60, 3 << 60], true),
            ex(&[1 << 60, 5 << 60], false),
            ex(&[1 << 60, 3 << 60, 9 << 59], true),
            ex(&[1 << 60, 7 << 60], false),
        ];
        let options = TrainOptions { rows_log2: 8, epochs: 40, ..TrainOptions::default() };
        let model = train(&examples, &options);
        for e in &examples {
            assert_eq!(model.probability(&e.feats) > 0.5, e.related, "{e:?}");
        }
        assert_eq!(model, train(&examples, &options), "deterministic");
    }
}
