/**
 * Principal components by Jacobi rotations on matrices whose eigen-decomposition is known in closed form; the real
 * data check (Ruan et al.'s 77 models against NumPy's SVD) is test/unit/atlas/engines.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { principalComponents, projectRow, symmetricEigen } from '../../../src/core/numeric/pca'

describe('symmetricEigen', () => {
  it('[[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ])
    expect(values[0]).toBeCloseTo(3, 12)
    expect(values[1]).toBeCloseTo(1, 12)
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 12)
    expect(vectors[0][0] * vectors[0][1]).toBeGreaterThan(0)
    expect(vectors[1][0] * vectors[1][1]).toBeLessThan(0)
  })
  it('a diagonal matrix is its own decomposition, largest first', () => {
    const { values } = symmetricEigen([
      [1, 0, 0],
      [0, 5, 0],
      [0, 0, 2],
    ])
    expect(values).toEqual([5, 2, 1])
  })
})

describe('principalComponents', () => {
  it('points on a line have one component with all the variance, loadings summing positive', () => {
    const x = [0, 1, 2, 3, 4].map((t) => [t, 2 * t])
    const pca = principalComponents(x)
    expect(pca.explainedRatio[0]).toBeCloseTo(1, 12)
    expect(pca.components[0][0]).toBeCloseTo(1 / Math.sqrt(5), 12)
    expect(pca.components[0][1]).toBeCloseTo(2 / Math.sqrt(5), 12)
    expect(projectRow(pca, [4, 8], 1)[0]).toBeCloseTo(2 * Math.sqrt(5), 12)
  })
})
