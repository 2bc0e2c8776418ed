package org.magicsteps.model.explain;

/**
 * The constrained weighted least-squares fit of Kernel SHAP: find {@code φ} minimising
 * {@code Σ_z w_z (v_z − base − Σ_{i∈z} φ_i)²} subject to {@code Σ φ_i = fx − base}. The
 * constraint is kept exactly by eliminating the last player ({@code φ_last = fx − base − Σ
 * others}), and the remaining normal equations are solved by Gaussian elimination with partial
 * pivoting, in double precision.
 */
final class WeightedLeastSquares {

    private WeightedLeastSquares() {
    }

    /**
     * @param masks the coalitions (bit {@code i}: player {@code i} present)
     * @param weights their kernel weights
     * @param values each coalition's value
     * @param base the value of the empty coalition
     * @param fx the value of the full coalition
     * @param m how many players
     * @return {@code φ}, adding up to {@code fx − base}
     */
    static double[] shapley(long[] masks, double[] weights, double[] values, double base, double fx, int m) {
        double total = fx - base;
        int unknowns = m - 1;
        double[][] normal = new double[unknowns][unknowns];
        double[] rhs = new double[unknowns];
        double[] row = new double[unknowns];
        long last = 1L << (m - 1);
        for (int z = 0; z < masks.length; z++) {
            double zLast = (masks[z] & last) != 0 ? 1 : 0;
            for (int j = 0; j < unknowns; j++) {
                row[j] = ((masks[z] >>> j) & 1L) - zLast;
            }
            double y = values[z] - base - zLast * total;
            double w = weights[z];
            for (int i = 0; i < unknowns; i++) {
                if (row[i] == 0) {
                    continue;
                }
                double wi = w * row[i];
                rhs[i] += wi * y;
                for (int j = 0; j < unknowns; j++) {
                    normal[i][j] += wi * row[j];
                }
            }
        }
        double[] solved = solve(normal, rhs);
        double[] phi = new double[m];
        double sum = 0;
        for (int i = 0; i < unknowns; i++) {
            phi[i] = solved[i];
            sum += solved[i];
        }
        phi[m - 1] = total - sum;
        return phi;
    }

    /** Solves {@code a · x = b}; a tiny ridge keeps a (numerically) singular system solvable. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += Math.abs(a[i][i]);
        }
        double ridge = 1e-12 * Math.max(trace / Math.max(n, 1), 1e-300);
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][i] += ridge;
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double p = m[col][col];
            if (p == 0) {
                continue;
            }
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / p;
                if (f != 0) {
                    for (int k = col; k <= n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = m[i][i] == 0 ? 0 : s / m[i][i];
        }
        return x;
    }
}
