package io.learnpulse.analysis.fit;

import io.learnpulse.risk.Factor;
import io.learnpulse.risk.Feature;
import io.learnpulse.risk.RiskModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method: each step
 * solves the penalised Hessian against the gradient with Commons Math's Cholesky decomposition
 * (Apache-2.0, already the gateway's statistics library; the objective is convex and smooth, so
 * Newton converges in a few exact steps, with no learning rate or tolerance to tune). A feature is
 * scaled by its training mean and standard deviation, a value not defined yet counts as that mean,
 * so that it contributes nothing; the intercept is not penalised.
 */
final class LogisticFit {
    private static final int MAX_STEPS = 100;
    private static final double CONVERGED = 1e-10;

    private LogisticFit() {}

    static RiskModel fit(List<Sample> training, double l2, String version) {
        Feature[] features = Feature.values();
        int p = features.length;
        int n = training.size();
        if (n == 0) {
            throw new IllegalArgumentException("no training samples: no learner of the outcomes has an event"
                    + " before a checkpoint");
        }
        double[] mean = new double[p];
        double[] std = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            int defined = 0;
            for (Sample s : training) {
                if (!Double.isNaN(s.values[j])) {
                    sum += s.values[j];
                    defined++;
                }
            }
            mean[j] = defined == 0 ? 0.0 : sum / defined;
            double squares = 0;
            for (Sample s : training) {
                double d = (Double.isNaN(s.values[j]) ? mean[j] : s.values[j]) - mean[j];
                squares += d * d;
            }
            double sd = Math.sqrt(squares / n);
            // A constant feature gets scale 1: it contributes nothing whatever its weight.
            std[j] = sd > 1e-12 ? sd : 1.0;
        }
        double[][] x = new double[n][p + 1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Sample s = training.get(i);
            x[i][0] = 1.0;
            for (int j = 0; j < p; j++) {
                double v = Double.isNaN(s.values[j]) ? mean[j] : s.values[j];
                x[i][j + 1] = (v - mean[j]) / std[j];
            }
            y[i] = s.positive ? 1.0 : 0.0;
        }
        double[] w = newton(x, y, l2);
        List<Factor> factors = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            factors.add(new Factor(features[j], mean[j], std[j], mean[j], w[j + 1]));
        }
        return new RiskModel(version, factors, w[0], RiskModel.DEFAULT_MEDIUM, RiskModel.DEFAULT_HIGH);
    }

    /** Minimises the mean log-loss + l2 / 2 × |w without the intercept|². */
    private static double[] newton(double[][] x, double[] y, double l2) {
        int n = x.length;
        int k = x[0].length;
        double[] w = new double[k];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                double z = 0;
                for (int a = 0; a < k; a++) {
                    z += w[a] * xi[a];
                }
                double pi = 1.0 / (1.0 + Math.exp(-z));
                double r = pi - y[i];
                double d = pi * (1.0 - pi);
                for (int a = 0; a < k; a++) {
                    gradient[a] += r * xi[a] / n;
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += d * xi[a] * xi[b] / n;
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                double penalty = a == 0 ? 1e-9 : l2;
                hessian[a][a] += penalty;
                gradient[a] += a == 0 ? 0.0 : l2 * w[a];
            }
            RealVector delta = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false))
                    .getSolver().solve(new ArrayRealVector(gradient, false));
            for (int a = 0; a < k; a++) {
                w[a] -= delta.getEntry(a);
            }
            if (delta.getLInfNorm() < CONVERGED) {
                break;
            }
        }
        return w;
    }
}
