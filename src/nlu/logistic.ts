/** A logistic model: confidence = 1 / (1 + e^-(w·x + b)). */
export interface LogisticModel {
  weights: number[];
  bias: number;
}

export function predict(model: LogisticModel, x: number[]): number {
  const z = model.bias + x.reduce((sum, v, i) => sum + v * model.weights[i], 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits a logistic model by gradient descent with a little L2 regularisation: enough for a handful
 * of features and a few thousand rows, with no dependency.
 */
export function fitLogistic(rows: number[][], labels: number[], options = { iterations: 4000, rate: 0.5, l2: 1e-3 }): LogisticModel {
  const dims = rows[0]?.length ?? 0;
  const model: LogisticModel = { weights: new Array(dims).fill(0), bias: 0 };
  const n = rows.length;
  for (let it = 0; it < options.iterations; it++) {
    const gradient = new Array(dims).fill(0);
    let gradientBias = 0;
    for (let r = 0; r < n; r++) {
      const error = predict(model, rows[r]) - labels[r];
      for (let d = 0; d < dims; d++) gradient[d] += error * rows[r][d];
      gradientBias += error;
    }
    for (let d = 0; d < dims; d++) model.weights[d] -= options.rate * (gradient[d] / n + options.l2 * model.weights[d]);
    model.bias -= options.rate * (gradientBias / n);
  }
  return model;
}
