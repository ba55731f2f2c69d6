package org.guarantor.engine;

import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.store.StoredEvent;

/** A durable event handed to listeners (live streams, notifications). */
public record Published(StoredEvent stored, DispatchEvent event) {}
