package classify

import (
	"math/rand/v2"
	"runtime"
	"sync"
)

// svmParams are the settings of the linear SVM: C trades margin for
// training error, iterations bounds the passes over the data.
type svmParams struct {
	C float64
	// Weight[c] multiplies C for the messages of class c.
	Weight     []float64
	Iterations int
	Tolerance  float64
}

// trainOneVsRest fits one L2-regularised, squared-hinge-loss linear SVM per
// class by dual coordinate descent (Hsieh et al., ICML 2008, the method of
// LIBLINEAR), the classes in parallel. A constant feature of value 1 plays
// the bias. It returns weights laid out bucket by bucket (w[b*k+c]) and
// the biases.
func trainOneVsRest(xs []vector, ys []int, k int, dim int, p svmParams) (w []float32, bias []float32) {
	w = make([]float32, dim*k)
	bias = make([]float32, k)
	var wg sync.WaitGroup
	next := make(chan int, k)
	for c := 0; c < k; c++ {
		next <- c
	}
	close(next)
	for range min(k, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				wc, bc := dualCD(xs, ys, c, dim, p)
				for b, v := range wc {
					if v != 0 {
						w[b*k+c] = v
					}
				}
				bias[c] = bc
			}
		}()
	}
	wg.Wait()
	return w, bias
}

// dualCD solves one binary problem: class c against the rest.
// Each call works on its own slices, so it is left out of race
// instrumentation, which made -race test runs ten times slower.
//
//go:norace
func dualCD(xs []vector, ys []int, c, dim int, p svmParams) ([]float32, float32) {
	n := len(xs)
	w := make([]float32, dim)
	var b float32
	alpha := make([]float64, n)
	y := make([]float32, n)
	qii := make([]float64, n)
	diag := make([]float64, n)
	for i, x := range xs {
		diag[i] = 1 / (2 * p.C * p.Weight[ys[i]])
		y[i] = -1
		if ys[i] == c {
			y[i] = 1
		}
		q := 1.0 // the bias feature
		for _, v := range x.val {
			q += float64(v * v)
		}
		qii[i] = q + diag[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(uint64(c)+1, 42))
	for it := 0; it < p.Iterations; it++ {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		maxPG, minPG := -1e300, 1e300
		for _, i := range order {
			x := xs[i]
			dot := b
			for j, idx := range x.idx {
				dot += w[idx] * x.val[j]
			}
			g := float64(y[i]*dot) - 1 + diag[i]*alpha[i]
			pg := g
			if alpha[i] == 0 && g > 0 {
				pg = 0
			}
			maxPG, minPG = max(maxPG, pg), min(minPG, pg)
			if pg == 0 {
				continue
			}
			old := alpha[i]
			alpha[i] = max(old-g/qii[i], 0)
			d := float32(alpha[i]-old) * y[i]
			for j, idx := range x.idx {
				w[idx] += d * x.val[j]
			}
			b += d
		}
		if maxPG-minPG < p.Tolerance {
			break
		}
	}
	return w, b
}
