package backprop.nn;

/**
 * What the output neuron x_1^(L) applies to its signal s_1^(L).
 *
 * <p>The lecture uses tanh on every neuron, the output included. For regression the course slides
 * also use the identity at the output: x_1^(L) = s_1^(L), so φ'(s_1^(L)) = 1 in the output delta.
 */
public enum OutputUnit {
    /** x_1^(L) = tanh(s_1^(L)), φ'(s) = 1 - x^2 (the lecture). */
    TANH,
    /** x_1^(L) = s_1^(L), φ'(s) = 1 (regression). */
    IDENTITY
}
