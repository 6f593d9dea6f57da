package io.github.dl4jlocalization.nn;

/**
 * The papers' model, loss and gradients written out in plain Java (docs/science.md 3.5), as
 * the reference the DL4J networks are checked against:
 * {@code y_n = (sum_k v_k sigma(h_nk) + c) / K}, {@code h_nk = w_k . x_n + b_k},
 * {@code L = (1/B) sum_n (y_n - t_n)^2}.
 */
final class ReferenceShallowNet {
    final double[][] w;
    final double[] b;
    final double[] v;
    final double c;
    final HiddenActivation sigma;

    ReferenceShallowNet(double[][] w, double[] b, double[] v, double c, HiddenActivation sigma) {
        this.w = w;
        this.b = b;
        this.v = v;
        this.c = c;
        this.sigma = sigma;
    }

    double preActivation(double[] x, int k) {
        double h = b[k];
        for (int i = 0; i < x.length; i++) {
            h += w[k][i] * x[i];
        }
        return h;
    }

    double output(double[] x) {
        double s = c;
        for (int k = 0; k < w.length; k++) {
            s += v[k] * sigma.value(preActivation(x, k));
        }
        return s / w.length;
    }

    double loss(double[][] x, double[] t) {
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            double r = output(x[n]) - t[n];
            sum += r * r;
        }
        return sum / x.length;
    }

    /** The gradient of {@link #loss}: dW [K][D], db [K], dv [K], dc, as in the spec. */
    Gradient gradient(double[][] x, double[] t) {
        int kk = w.length;
        int d = w[0].length;
        int batch = x.length;
        Gradient g = new Gradient(kk, d);
        double pre = 2.0 / (batch * kk);
        for (int n = 0; n < batch; n++) {
            double r = output(x[n]) - t[n];
            g.dc += pre * r;
            for (int k = 0; k < kk; k++) {
                double h = preActivation(x[n], k);
                g.dv[k] += pre * r * sigma.value(h);
                double back = pre * r * v[k] * sigma.derivative(h);
                g.db[k] += back;
                for (int i = 0; i < d; i++) {
                    g.dw[k][i] += back * x[n][i];
                }
            }
        }
        return g;
    }

    static final class Gradient {
        final double[][] dw;
        final double[] db;
        final double[] dv;
        double dc;

        Gradient(int k, int d) {
            dw = new double[k][d];
            db = new double[k];
            dv = new double[k];
        }
    }
}
