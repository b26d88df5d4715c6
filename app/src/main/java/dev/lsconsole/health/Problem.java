package dev.lsconsole.health;

/**
 * One thing wrong with a replica: its kind, the replica (by name), the object key below the replica's
 * root it concerns (a generation's folder for problems of a whole generation) and one line saying what.
 */
public record Problem(Kind kind, String replica, String object, String message) {
}
