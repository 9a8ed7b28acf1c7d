/**
 * The demo district: when {@code gridmap.demo-data} is true, loads the generated Didao
 * district (areas, grids, staff, dwellings, departments, matters, service stations) from
 * {@code org.gridmap.demodistrict} into an empty database right after Flyway has migrated
 * it. It owns no table and no query used at run time; a database that already holds grids
 * is left untouched. {@code ScaledDataset} is the command-line loader of the scaled
 * dataset for benchmarks (2,000 grids, a million addresses and incidents), run by
 * {@code bench/scaled-data.sh}, never by the service.
 */
package org.gridmap.demo;
