package dev.lnjobs.api.bootstrap;

/** What provisioning may leave behind in the cloud, and so what cleanup deletes. */
public enum CloudResource { DROPLET, VOLUME }
