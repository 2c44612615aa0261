import { onBeforeUnmount, ref } from 'vue';

const PHONE = '(max-width: 767px)';

/** True on a phone-width screen (the in-app browsers of 政务钉钉 / 企业微信): tables become cards, the menu a drawer. */
export function useIsPhone() {
  const query = window.matchMedia(PHONE);
  const isPhone = ref(query.matches);
  const update = (e: MediaQueryListEvent) => (isPhone.value = e.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return isPhone;
}
