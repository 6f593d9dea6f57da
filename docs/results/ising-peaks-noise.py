#!/usr/bin/env python3
# Investigation behind docs/results/ising-peaks.md (numpy + scipy; not part of the build).
# Usage: python3 docs/results/ising-peaks-noise.py runs/figures/ising-peaks/sweeps/peaks/units
# For each unit of the ising-peaks sweep (L=40, J=(0.3,0.7), tau=lr=0.05, T=2000) it reads w0 (the SGD
# run's step-0 weights) and
#  1. integrates docs/science.md 5.3 variant 1 (binary amplifier, exact ring covariances) independently
#     of the Java code and compares the final signed peak with the Java integrated field's;
#  2. integrates variant fig3 (the Fig. 3 notebook's cubic rule) and counts matches with SGD;
#  3. adds a model of one SGD step's gradient noise, lr * N(0, Sigma_1 / B) per step, to variant 1
#     and counts how often the noiseless peak survives (one noise draw per seed, seed 0).
import numpy as np, csv, glob, os
from scipy.special import erf
import sys
base=sys.argv[1]
L=40
def ising_cov(J):
    t=np.tanh(J); d=np.arange(L); c=(t**d+t**(L-d))/(1+t**L)
    return np.array([[c[(i-j)%L] for j in range(L)] for i in range(L)])
S0,S1=ising_cov(0.3),ising_cov(0.7)
phi_bin=lambda a: erf(a/np.sqrt(2*(1-a*a)))
phi_fig3=lambda a: np.sqrt(2/np.pi)*a+((3-1)/6)*a**3
def integrate(w,variant,T=2000,tau=0.05,B=None,rng=None):
    w=w.copy()
    if B: Lc=np.linalg.cholesky(S1+1e-12*np.eye(L))
    for t in range(T):
        s1=S1@w; a=np.clip(s1/np.sqrt(w@s1),-1+1e-12,1-1e-12)
        if variant==1: w=w+tau/2*(phi_bin(a)-(S0+S1)@w)
        else: w=w+tau*(phi_fig3(a)-0.5*(S0+S1)@w)
        if B: w=w+tau*(Lc@rng.standard_normal(L))/np.sqrt(B)
    return w
def sp(w):
    i=int(np.argmax(np.abs(w))); return (i,int(np.sign(w[i])))
def readw(f):
    rows=list(csv.reader(open(f)))[1:]
    return {int(r[0]):np.array([float(x) for x in r[2:]]) for r in rows}
dirs=sorted(glob.glob(base+'/seed=*'), key=lambda p:int(os.path.basename(p).split('-')[0][5:]))
rng=np.random.default_rng(0)
agree_java=0; m1=0; m3=0; v13=0; stay={100:0,500:0,5000:0}; n=0
for d in dirs:
    sgd=readw(d+'/sgd/weights.csv'); th=readw(d+'/theory-weights.csv')
    w0=sgd[0]; fs=sp(sgd[2000]); fj=sp(th[2000])
    p1=sp(integrate(w0,1)); p3=sp(integrate(w0,3))
    agree_java+=p1==fj; m1+=p1==fs; m3+=p3==fs; v13+=p1==p3
    for B in stay: stay[B]+=sp(integrate(w0,1,B=B,rng=rng))==p1
    n+=1
print('numpy v1 == java theory:',agree_java,'/',n)
print('v1 matches SGD:',m1,' fig3 matches SGD:',m3,' v1==fig3:',v13)
print('noisy effective dynamics keeps the noiseless peak (one noise draw per seed):',stay)
