// Type-checks the installed package's entry points as a storefront's TypeScript would import
// them (`tsc -p tests/vite-app`, run by .ci/test-package): the module, the widgets and their
// element types. Not part of the Vite build.
import init, { Checker, type Listing, type Screening, type Verdict } from "aftersales";
import { AftersalesBadge, AftersalesPrecheck, LOCALES, negotiate, type PrecheckOrder } from "aftersales/widgets";

export async function storefront(listing: Listing): Promise<[Screening, Verdict | null, string]> {
  await init();
  const checker = new Checker();
  const screening: Screening = checker.screen(listing, negotiate(navigator.language));
  const badge: AftersalesBadge = document.createElement("aftersales-badge");
  badge.listing = listing;
  const precheck: AftersalesPrecheck = document.createElement("aftersales-precheck");
  precheck.items = [{ listing, quantity: 1 }];
  const order: PrecheckOrder | null = precheck.order;
  const hash: string = order?.acknowledgment?.policy_hash ?? checker.info().policies[0].hash;
  const claim = document.createElement("aftersales-claim");
  return [screening, claim.verdict, `${LOCALES.join()} ${checker.info().version} ${hash}`];
}
