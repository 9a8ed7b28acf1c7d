package org.gridmap.demodistrict;

/**
 * One person on a grid's notice board ("1+1+1+N": grid head, full-time worker, party
 * group leader, and others).
 *
 * @param gridCode the grid
 * @param role {@code grid_head}, {@code full_time}, {@code part_time},
 * {@code party_leader}, {@code police}, {@code property}, {@code mediator} or
 * {@code other}
 * @param name the Chinese name
 * @param phone a public phone number
 * @param duties what the person does on the grid, in Chinese
 * @param sortOrder position on the board, from 1
 */
public record Staff(String gridCode, String role, String name, String phone, String duties, int sortOrder) {

}
