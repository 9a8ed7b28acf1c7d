package org.gridmap.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;

/**
 * A grid of a draft while the plan's changes are replayed: a base grid with what the
 * changes did to it, or a grid a change created. Mutable only during the replay in
 * {@link Draft}.
 */
final class DraftGrid {

	final String key;

	/** The base grid it started as; {@code null} for a new grid. */
	final BaseGrid base;

	/** The code: the base grid's, or the one given in {@code create}; else null. */
	String code;

	/** The code it will be published under: {@link #code}, or the code plan's. */
	String plannedCode;

	String community;

	String name;

	String type;

	String hotline;

	String duties;

	/** Set explicitly since the last geometry change; otherwise counted or kept. */
	Integer households;

	Integer population;

	List<StaffMember> staff;

	Geometry geometry;

	boolean geometryChanged;

	boolean attributesChanged;

	boolean staffChanged;

	/** The base grids whose area it holds, for scaling population by households. */
	final Set<String> sources = new LinkedHashSet<>();

	/** Households counted from the address points inside it (see {@link Assignment}). */
	int countedHouseholds;

	int countedAddresses;

	DraftGrid(String key, BaseGrid base) {
		this.key = key;
		this.base = base;
		if (base != null) {
			this.code = base.code();
			this.community = base.community();
			this.name = base.name();
			this.type = base.type();
			this.hotline = base.hotline();
			this.duties = base.duties();
			this.households = base.households();
			this.population = base.population();
			this.staff = base.staff();
			this.geometry = base.geometry();
			this.sources.add(base.code());
		}
		else {
			this.staff = List.of();
		}
	}

	/** A new grid made from part of this one (a split piece): same kind, no people. */
	DraftGrid piece(String key, int n, Geometry geometry) {
		DraftGrid piece = new DraftGrid(key, null);
		piece.community = this.community;
		piece.name = this.name + "（" + n + "）";
		piece.type = this.type;
		piece.hotline = this.hotline;
		piece.duties = this.duties;
		piece.geometry = geometry;
		piece.geometryChanged = true;
		piece.sources.addAll(this.sources);
		return piece;
	}

	void reshape(Geometry geometry) {
		this.geometry = geometry;
		this.geometryChanged = true;
		this.households = null;
		this.population = null;
	}

	void addStaff(List<StaffMember> more) {
		List<StaffMember> all = new ArrayList<>(this.staff);
		all.addAll(more);
		this.staff = List.copyOf(all);
		this.staffChanged = true;
	}

	String state() {
		if (this.base == null) {
			return "new";
		}
		return (this.geometryChanged || this.attributesChanged || this.staffChanged) ? "changed" : "unchanged";
	}

	/** Whether publishing writes a new grid row (staff-only changes do not need one). */
	boolean needsNewRow() {
		return this.base == null || this.geometryChanged || this.attributesChanged;
	}

	/**
	 * What the grid will hold: explicit, else counted after a geometry change, else kept.
	 */
	int finalHouseholds() {
		if (this.households != null) {
			return this.households;
		}
		return this.countedHouseholds;
	}

	/**
	 * Population: explicit, else the households scaled by the population per household of
	 * the base grids it came from.
	 * @param perHousehold population per household of those grids (from {@link Draft})
	 */
	int finalPopulation(double perHousehold) {
		if (this.population != null) {
			return this.population;
		}
		return (int) Math.round(finalHouseholds() * perHousehold);
	}

	/** The code used for ordering by the shared-edge rule (lowest code wins). */
	String ruleCode() {
		return (this.plannedCode != null) ? this.plannedCode : (this.code != null) ? this.code : "~" + this.key;
	}

}
