"""The workload of `localization bench compare`, written as a researcher would in plain PyTorch.

Online SGD of a soft committee machine of K ReLU units, y_hat = mean_k relu(w_k . x), on fresh
NLGP(g) batches (docs/science.md 2.2), float64, one thread. Each step:
  labels      y ~ Bernoulli(1/2), class c holds the rows with y = c;
  field       z = eps @ S_c, eps ~ N(0, I_L), S_c the dense symmetric square root of the circulant
              covariance C_c(i, j) = exp(-d(i, j)^2 / xi_c^2), d the distance on the ring;
  marginal    x = erf(g z) / Z(g), Z(g) = sqrt((2/pi) arcsin(2 g^2 / (1 + 2 g^2)));
  loss        mean over the batch of (y_hat - y)^2, backward, plain SGD step.

Usage: python3 pytorch_loop.py --hidden 1 --batch 5000 --steps 1000
Prints one line of JSON: {"seconds": wall seconds after the imports, "steps": ..., "finalLoss": ...}.
"""
import argparse
import json
import math
import time

import torch


def circulant_sqrt(xi, length):
    d = torch.arange(length, dtype=torch.float64)
    d = torch.minimum(d, length - d)
    row = torch.exp(-d ** 2 / xi ** 2)
    c = torch.stack([torch.roll(row, i) for i in range(length)])
    eigenvalues, eigenvectors = torch.linalg.eigh(c)
    return eigenvectors @ torch.diag(eigenvalues.clamp(min=0).sqrt()) @ eigenvectors.T


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hidden", type=int, default=1)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--length", type=int, default=40)
    parser.add_argument("--gain", type=float, default=3.0)
    parser.add_argument("--xi", type=float, nargs=2, default=[0.3, 0.7])
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--init-scale", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    start = time.perf_counter()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    length, batch, g = args.length, args.batch, args.gain
    roots = [circulant_sqrt(xi, length) for xi in args.xi]
    z_norm = math.sqrt(2 / math.pi * math.asin(2 * g * g / (1 + 2 * g * g)))

    w = torch.randn(args.hidden, length, dtype=torch.float64)
    w *= math.sqrt(args.init_scale * 2 / (length + args.hidden))
    w.requires_grad_()
    optimizer = torch.optim.SGD([w], lr=args.lr)

    for step in range(args.steps):
        ones = int(torch.randint(0, 2, (batch,)).sum())
        zeros = batch - ones
        z = torch.cat([torch.randn(zeros, length, dtype=torch.float64) @ roots[0],
                       torch.randn(ones, length, dtype=torch.float64) @ roots[1]])
        y = torch.cat([torch.zeros(zeros, dtype=torch.float64), torch.ones(ones, dtype=torch.float64)])
        x = torch.erf(g * z) / z_norm

        y_hat = torch.relu(x @ w.T).mean(dim=1)
        loss = ((y_hat - y) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "steps": args.steps, "finalLoss": loss.item()}))


if __name__ == "__main__":
    main()
