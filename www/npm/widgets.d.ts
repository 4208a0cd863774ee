// Types of `aftersales/widgets`: the three storefront custom elements and the helpers the
// widgets module exports. Importing it in a browser registers <aftersales-badge>,
// <aftersales-precheck> and <aftersales-claim>; in Node (a server render) it registers nothing.

import type { Claim, Listing, Locale, Screening, Verdict } from "aftersales";

/** The locales the widgets and the module speak. */
export declare const LOCALES: readonly Locale[];

/** The nearest supported locale for a BCP 47 tag (`ja-JP` → `ja`, `zh-TW` → `zh-CN`, else `en`). */
export declare function negotiate(tag: string | null | undefined): Locale;

/** `2024-03-01T18:00` (a datetime-local value, the browser's time zone) for an instant. */
export declare function toLocalInput(instant: string | number | Date): string;

/** RFC 3339 with the browser's UTC offset on that date, from a datetime-local value; null if invalid. */
export declare function fromLocalInput(value: string): string | null;

/** A listing badge: chips for its flags and notices, tooltips with the policy's reasons. */
export declare class AftersalesBadge extends HTMLElement {
  listing: Listing | null;
  /** The last screening shown, or null before the first. */
  readonly screening: Screening | null;
}

/** One cart line for the pre-check. */
export interface PrecheckItem {
  listing: Listing;
  quantity?: number;
}

/** What the pre-check submits (event `aftersales-order`, and a hidden input in its form). */
export interface PrecheckOrder {
  items: { id: string; quantity: number; class: string; fragile: boolean; non_compensable: boolean }[];
  acknowledgment: null | {
    item_ids: string[];
    statement: string;
    locale: Locale;
    acknowledged_at: string;
    policy_id: string;
    policy_version: string;
    policy_hash: string;
  };
}

/** The checkout pre-check: blocks ordering until every fragile item is acknowledged. */
export declare class AftersalesPrecheck extends HTMLElement {
  items: PrecheckItem[];
  /** Ids of the cart's fragile items. */
  readonly fragileIds: string[];
  /** The order payload as it would be submitted now, or null while ordering is blocked. */
  readonly order: PrecheckOrder | null;
}

/** A delivered order, for the claim widget. */
export interface ClaimOrder {
  id: string;
  ordered_at?: string;
  signed_at?: string;
  items: { id: string; title: string; class?: string; condition?: string; listing?: Listing }[];
}

/** The claim checker on a delivered order's page. */
export declare class AftersalesClaim extends HTMLElement {
  order: ClaimOrder | null;
  /** The claim last judged (what the module saw), or null. */
  readonly claim: Claim | null;
  /** The last verdict, or null. */
  readonly verdict: Verdict | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "aftersales-badge": AftersalesBadge;
    "aftersales-precheck": AftersalesPrecheck;
    "aftersales-claim": AftersalesClaim;
  }
}
