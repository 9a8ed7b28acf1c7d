/**
 * The backup and restore procedure of scripts/backup.sh and scripts/restore.sh, run for
 * real.
 */
package org.gridmap.backup;
