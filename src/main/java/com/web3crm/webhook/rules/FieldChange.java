package com.web3crm.webhook.rules;

/**
 * What a register request does to one stored field: nothing ({@link #KEEP}, field absent), remove it
 * ({@link #CLEAR}, field given as {@code ""} or JSON {@code null}), or {@link #set} it to a validated value.
 */
public sealed interface FieldChange {
  FieldChange KEEP = new Keep();
  FieldChange CLEAR = new Clear();

  static FieldChange set(String value) {
    return new Set(value);
  }

  /** Field absent: the stored value stays as it is. */
  record Keep() implements FieldChange {}

  /** Field present and empty: the stored attribute is removed. */
  record Clear() implements FieldChange {}

  /** Field present with a valid value. {@link #toString()} hides the value: it may be a password. */
  record Set(String value) implements FieldChange {
    public Set {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("a set value is non-empty");
      }
    }

    @Override
    public String toString() {
      return "Set[***]";
    }
  }
}
