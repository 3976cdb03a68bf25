package io.firebell.platform.outbound;

import java.net.UnknownHostException;

/** A host (or some address of it) that the outbound guard refuses to connect to. */
public final class RefusedAddressException extends UnknownHostException {

  private final String addressClass;
  private final String address;

  RefusedAddressException(String addressClass, String address) {
    super("address " + address + " is refused: " + addressClass);
    this.addressClass = addressClass;
    this.address = address;
  }

  /** Why it is refused, e.g. {@code loopback} or {@code cloud metadata}. */
  public String addressClass() {
    return addressClass;
  }

  /** The refused address (or literal) itself. */
  public String address() {
    return address;
  }
}
