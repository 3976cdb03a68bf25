package io.firebell.client;

/** A step of the story did not come out as it should: the message says which and what came. */
public class StoryFailure extends RuntimeException {
  public StoryFailure(String message) {
    super(message);
  }
}
