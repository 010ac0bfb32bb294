/**
 * The Cholesky factor of a symmetric positive-definite matrix (row-major,
 * `size` × `size`), with the solves the list forecast needs: H⁻¹g for a
 * Newton step and L⁻ᵀz for a draw from N(0, H⁻¹). Small dense systems only
 * (the forecast's has 2 + 2 × boroughs + triggers unknowns).
 *
 * @example
 *   const chol = Cholesky.of(Float64Array.from([4, 2, 2, 3]), 2);
 *   chol.solve(Float64Array.from([2, 1])); // [0.5, 0]
 */
export class Cholesky {
  private constructor(
    /** Lower-triangular factor L (row-major), H = L Lᵀ. */
    private readonly lower: Float64Array,
    readonly size: number,
  ) {}

  /** Factorises `matrix`; throws naming the pivot when it is not positive definite. */
  static of(matrix: Float64Array, size: number): Cholesky {
    const l = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = matrix[i * size + j] as number;
        for (let k = 0; k < j; k++) sum -= (l[i * size + k] as number) * (l[j * size + k] as number);
        if (i === j) {
          if (!(sum > 0)) throw new Error(`Cholesky: the matrix is not positive definite (pivot ${i} is ${sum})`);
          l[i * size + i] = Math.sqrt(sum);
        } else {
          l[i * size + j] = sum / (l[j * size + j] as number);
        }
      }
    }
    return new Cholesky(l, size);
  }

  /** x with H x = b. */
  solve(b: ArrayLike<number>): Float64Array {
    const n = this.size;
    const l = this.lower;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = b[i] as number;
      for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (y[k] as number);
      y[i] = sum / (l[i * n + i] as number);
    }
    return this.solveUpper(y);
  }

  /** x with Lᵀ x = z: for z ~ N(0, I), x ~ N(0, H⁻¹). */
  solveUpper(z: ArrayLike<number>): Float64Array {
    const n = this.size;
    const l = this.lower;
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let sum = z[i] as number;
      for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (x[k] as number);
      x[i] = sum / (l[i * n + i] as number);
    }
    return x;
  }
}
