// Reference data the views share (categories, regions), loaded once at start.
import { backend, type Category, type RegionTree } from "../backend";

const state = $state<{ categories: Category[]; regions: RegionTree }>({
  categories: [],
  regions: { province: "", cities: [], kelurahan: [] },
});

export async function loadReference(): Promise<void> {
  const [categories, regions] = await Promise.all([backend().categories(), backend().regions()]);
  state.categories = categories;
  state.regions = regions;
}

export function categories(): Category[] {
  return state.categories;
}

export function regions(): RegionTree {
  return state.regions;
}

export function categoryName(slug: string): Category["name"] | undefined {
  return state.categories.find((c) => c.slug === slug)?.name;
}
