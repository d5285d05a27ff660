package io.ascendgw.gateway.config;

import java.util.Optional;

/** The admin API under {@code /admin} ({@code gateway.admin}). */
public interface AdminConfig {

    /** Bearer key required on {@code /admin}; without it the admin API is open (loopback use only). */
    Optional<String> key();
}
