package io.learnpulse.job.rules;

/** The event ids one learner has sent recently, with the event time each was last accepted at. */
public interface SeenEvents {
    /** The event time {@code eventId} was accepted at, or null if it was not seen. */
    Long acceptedAt(String eventId) throws Exception;

    void accept(String eventId, long eventTime) throws Exception;

    /** Drops the ids accepted before {@code eventTime}. */
    void forgetBefore(long eventTime) throws Exception;

    void clear() throws Exception;
}
